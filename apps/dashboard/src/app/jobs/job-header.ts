import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { Job } from '@strato/api-client';
import { isActive, jobWhat } from './job-format';
import { JobStatusBadge } from './job-status-badge';

/** The job's id, what it runs and its status, with the owner's Abort while it may still run. */
@Component({
  selector: 'strato-job-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [JobStatusBadge],
  template: `
    <div class="title">
      <h2>
        Job <span class="id">{{ job().id }}</span>
      </h2>
      <strato-job-status-badge [status]="job().status" />
      <span class="what">{{ what() }}</span>
    </div>
    @if (abortable()) {
      <div class="abort">
        <button
          type="button"
          class="abort-button"
          [disabled]="aborting() || killing()"
          (click)="abortAsked.emit()"
        >
          {{ aborting() || killing() ? 'Aborting…' : 'Abort' }}
        </button>
        @if (killing()) {
          <span class="quiet" aria-live="polite">Abort asked: the job is being killed.</span>
        }
      </div>
    }
    @if (abortError(); as message) {
      <p class="error" role="alert">Cannot abort: {{ message }}</p>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
    }
    .title {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.35rem 0.75rem;
      min-width: 0;
    }
    h2 {
      margin: 0;
      font-size: 1.15rem;
    }
    .id {
      font-family: var(--mono);
      overflow-wrap: anywhere;
    }
    .what {
      color: var(--muted);
      overflow-wrap: anywhere;
    }
    .abort {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      margin-left: auto;
    }
    .abort-button {
      padding: 0.35rem 0.9rem;
      font: inherit;
      font-weight: 600;
      color: var(--danger);
      background: var(--surface);
      border: 1px solid color-mix(in srgb, var(--danger) 45%, var(--surface));
      border-radius: 6px;
      cursor: pointer;
    }
    .abort-button:hover:not(:disabled) {
      background: color-mix(in srgb, var(--danger) 8%, var(--surface));
    }
    .abort-button:disabled {
      cursor: default;
      opacity: 0.65;
    }
    .quiet {
      font-size: 0.85rem;
      color: var(--muted);
    }
    .error {
      flex-basis: 100%;
      margin: 0;
      padding: 0.6rem 0.9rem;
      color: var(--error-text);
      background: var(--error-bg);
      border: 1px solid var(--error-border);
      border-radius: var(--radius);
    }
  `,
})
export class JobHeader {
  readonly job = input.required<Job>();
  /** The abort request is out. */
  readonly aborting = input(false);
  /** Why the last abort was refused, in the manager's words. */
  readonly abortError = input<string | null>(null);
  readonly abortAsked = output();

  protected readonly what = computed(() => jobWhat(this.job()));
  protected readonly abortable = computed(() => isActive(this.job()));
  /** Asked already: the dispatcher kills it, then it is ABORTED. */
  protected readonly killing = computed(() => this.job().status === 'RUNNING' && this.job().abortRequested);
}
