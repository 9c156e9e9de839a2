import { Injectable } from '@nestjs/common';

/**
 * Opens once the reconciler has started the load balancer from the store at boot. Loops that change
 * membership (elasticity) wait for it rather than on the order of Nest's bootstrap hooks (concurrent
 * within a module, by import depth across modules).
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
