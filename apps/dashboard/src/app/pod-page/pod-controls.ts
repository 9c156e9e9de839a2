import { ChangeDetectionStrategy, Component, inject, input, linkedSignal } from '@angular/core';
import type { Pod } from '@strato/api-client';
import { BALANCE_ALGORITHMS, type BalanceAlgorithm } from '@strato/contracts';
import { PendingAction } from './pending-action';
import { PodCommands } from './pod-commands';

const isAlgorithm = (value: string): value is BalanceAlgorithm =>
  (BALANCE_ALGORITHMS as readonly string[]).includes(value);

/** Pause or resume the pod, and choose how the balancer spreads its requests. */
@Component({
  selector: 'strato-pod-controls',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="control">
      @if (pod().state === 'paused') {
        <button type="button" [disabled]="toggle.busy()" (click)="resume()">
          {{ toggle.busy() ? 'Resuming…' : 'Resume pod' }}
        </button>
      } @else {
        <button type="button" class="secondary" [disabled]="toggle.busy()" (click)="pause()">
          {{ toggle.busy() ? 'Pausing…' : 'Pause pod' }}
        </button>
      }
      @if (toggle.message(); as message) {
        <p class="action-error" role="alert">{{ message }}</p>
      }
    </div>
    <form class="control algorithm" (submit)="setAlgorithm($event)">
      <label for="pod-algorithm">Balance algorithm</label>
      <select id="pod-algorithm" name="algorithm" (change)="choose($event)">
        @for (algorithm of algorithms; track algorithm) {
          <option [value]="algorithm" [selected]="algorithm === chosen()">{{ algorithm }}</option>
        }
      </select>
      <button type="submit" [disabled]="algorithm.busy() || chosen() === pod().algorithm">
        {{ algorithm.busy() ? 'Setting…' : 'Set algorithm' }}
      </button>
      @if (algorithm.message(); as message) {
        <p class="action-error" role="alert">{{ message }}</p>
      }
    </form>
  `,
  styleUrl: './controls.css',
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0.75rem 1.5rem;
    }
    .algorithm {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4rem;
    }
    .algorithm .action-error {
      flex-basis: 100%;
    }
  `,
})
export class PodControls {
  private readonly commands = inject(PodCommands);
  readonly pod = input.required<Pod>();

  protected readonly algorithms = BALANCE_ALGORITHMS;
  /** The owner's pick until the pod's algorithm changes on the manager. */
  protected readonly chosen = linkedSignal<BalanceAlgorithm>(() => this.pod().algorithm);
  protected readonly toggle = new PendingAction();
  protected readonly algorithm = new PendingAction();

  protected pause(): void {
    void this.toggle.run(() => this.commands.pause());
  }

  protected resume(): void {
    void this.toggle.run(() => this.commands.resume());
  }

  protected choose(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isAlgorithm(value)) this.chosen.set(value);
  }

  protected setAlgorithm(event: Event): void {
    event.preventDefault();
    const algorithm = this.chosen();
    void this.algorithm.run(() => this.commands.setAlgorithm(algorithm));
  }
}
