import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { JobAttempt } from '@strato/api-client';
import { attemptViews } from './attempt-views';

/** Each attempt of a job, as the manager lists them: where it ran, how it ended, how long it took. */
@Component({
  selector: 'strato-job-attempts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h3>Attempts</h3>
    @if (views().length) {
      <ol class="attempts">
        @for (attempt of views(); track attempt.number) {
          <li
            class="attempt"
            [class.failed]="attempt.failed"
            [attr.data-attempt]="attempt.number"
            [attr.data-state]="attempt.running ? 'running' : 'ended'"
          >
            <span class="number">#{{ attempt.number }}</span>
            <span class="where">
              <span class="node">{{ attempt.node }}</span>
              @if (attempt.agent) {
                <span class="agent">&ngsp;on {{ attempt.agent }}</span>
              }
            </span>
            <span class="end">{{ attempt.running ? 'running' : (attempt.end ?? 'ended') }}</span>
            <span class="run-time">{{ attempt.runTime }}</span>
          </li>
        }
      </ol>
    } @else {
      <p class="quiet">Not started yet.</p>
    }
  `,
  styles: `
    h3 {
      margin: 0 0 0.5rem;
      font-size: 1rem;
    }
    .attempts {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .attempt {
      display: grid;
      grid-template-columns: 2.5rem minmax(0, 1fr) minmax(0, 2fr) auto;
      gap: 0.75rem;
      padding: 0.35rem 0;
      border-bottom: 1px solid var(--border-soft);
      font-size: 0.875rem;
    }
    .attempt:last-child {
      border-bottom: none;
    }
    .number {
      color: var(--muted);
      font-variant-numeric: tabular-nums;
    }
    .where {
      overflow-wrap: anywhere;
    }
    .node {
      font-family: var(--mono);
    }
    .agent {
      color: var(--muted);
      font-size: 0.8rem;
    }
    .end {
      overflow-wrap: anywhere;
    }
    .run-time {
      color: var(--muted);
      font-variant-numeric: tabular-nums;
      text-align: right;
    }
    .attempt[data-state='running'] .end {
      color: var(--accent);
    }
    .attempt.failed .end {
      color: var(--danger);
    }
    .quiet {
      margin: 0;
      color: var(--muted);
    }
  `,
})
export class JobAttempts {
  readonly attempts = input.required<readonly JobAttempt[]>();
  /** For the run time of an attempt still running. */
  readonly now = input.required<number>();

  protected readonly views = computed(() => attemptViews(this.attempts(), this.now()));
}
