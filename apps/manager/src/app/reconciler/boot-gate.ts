import { Injectable } from '@nestjs/common';

/**
 * Opens once the reconciler has started the load balancer from the store at boot. Loops that change
 * membership (elasticity) wait for it: Nest runs the bootstrap hooks concurrently.
 */
@Injectable()
export class BootGate {
  private opened = false;

  get isOpen(): boolean {
    return this.opened;
  }

  open(): void {
    this.opened = true;
  }
}
