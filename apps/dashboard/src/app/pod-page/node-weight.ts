import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import type { Node } from '@strato/api-client';
import { PendingAction } from './pending-action';
import { PodCommands } from './pod-commands';

const MAX_WEIGHT = 256;

/** A node's load-balancer weight: set it, drain the node (weight 0), or give it back its weight. */
@Component({
  selector: 'strato-node-weight',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="weight" (submit)="set($event, weight.value)">
      <label class="visually-hidden" [for]="inputId()">Weight of {{ node().name }}</label>
      <input
        #weight
        type="number"
        name="weight"
        min="0"
        [max]="maxWeight"
        step="1"
        [id]="inputId()"
        [value]="node().weight"
        [attr.aria-invalid]="problem() ? 'true' : null"
      />
      <button
        type="submit"
        class="secondary"
        [disabled]="request.busy()"
        [attr.aria-label]="'Set weight of ' + node().name"
      >
        Set
      </button>
      @if (node().weight === 0) {
        <button type="button" class="secondary" [disabled]="request.busy()" (click)="restore()">
          {{ request.busy() ? 'Restoring…' : 'Restore' }}
        </button>
      } @else {
        <button type="button" class="secondary" [disabled]="request.busy()" (click)="drain()">
          {{ request.busy() ? 'Draining…' : 'Drain' }}
        </button>
      }
    </form>
    @if (node().weight === 0) {
      <p class="hint drained">drained · restores to {{ restoreTo() }}</p>
    }
    @if (problem(); as problem) {
      <p class="action-error" role="alert">{{ problem }}</p>
    }
  `,
  styleUrl: './controls.css',
  styles: `
    .weight {
      display: flex;
      gap: 0.3rem;
    }
    input {
      width: 4.5rem;
    }
  `,
})
export class NodeWeight {
  private readonly commands = inject(PodCommands);
  readonly node = input.required<Node>();

  protected readonly maxWeight = MAX_WEIGHT;
  protected readonly request = new PendingAction();
  private readonly invalid = signal<string | null>(null);
  protected readonly problem = computed(() => this.invalid() ?? this.request.message());
  protected readonly inputId = computed(() => `weight-${this.node().name}`);
  protected readonly restoreTo = computed(() => this.commands.restoreWeightOf(this.node().name));

  protected set(event: Event, value: string): void {
    event.preventDefault();
    const weight = Number(value);
    // An emptied field would read as 0 and drain the node by accident.
    if (value.trim() === '' || !Number.isInteger(weight) || weight < 0 || weight > MAX_WEIGHT) {
      this.invalid.set(`weight must be a whole number from 0 to ${MAX_WEIGHT}`);
      return;
    }
    this.invalid.set(null);
    void this.request.run(() => this.commands.setWeight(this.node().name, weight));
  }

  protected drain(): void {
    this.invalid.set(null);
    void this.request.run(() => this.commands.drain(this.node()));
  }

  protected restore(): void {
    this.invalid.set(null);
    void this.request.run(() => this.commands.restore(this.node()));
  }
}
