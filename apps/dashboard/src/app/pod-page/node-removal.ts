import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  effect,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { PendingAction } from './pending-action';
import { PodCommands } from './pod-commands';

/** Removes a node after an inline "Remove? Yes / No"; the manager drains it first. */
@Component({
  selector: 'strato-node-removal',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (request.busy()) {
      <button type="button" class="danger" disabled>Removing…</button>
    } @else if (confirming()) {
      <span class="confirm" role="group" [attr.aria-label]="'Remove ' + node() + '?'">
        <span>Remove?</span>
        <button type="button" class="danger" (click)="remove()">Yes</button>
        <button #cancel type="button" class="secondary" (click)="confirming.set(false)">No</button>
      </span>
    } @else {
      <button type="button" class="secondary" (click)="confirming.set(true)">Remove</button>
    }
    @if (request.message(); as message) {
      <p class="action-error" role="alert">{{ message }}</p>
    }
  `,
  styleUrl: './controls.css',
  styles: `
    .confirm {
      display: inline-flex;
      align-items: center;
      gap: 0.3rem;
      font-size: 0.85rem;
    }
  `,
})
export class NodeRemoval {
  private readonly commands = inject(PodCommands);
  readonly node = input.required<string>();

  protected readonly confirming = signal(false);
  protected readonly request = new PendingAction();
  private readonly cancel = viewChild<ElementRef<HTMLButtonElement>>('cancel');

  constructor() {
    // The button that was clicked is gone: keep the keyboard on the safe choice.
    effect(() => this.cancel()?.nativeElement.focus());
  }

  protected async remove(): Promise<void> {
    this.confirming.set(false);
    await this.request.run(() => this.commands.removeNode(this.node()));
  }
}
