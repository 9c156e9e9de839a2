import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { AttemptView } from './attempt-views';
import { endOf } from './job-format';

/** Each attempt of a job: where it ran and how it ended. */
@Component({
  selector: 'strato-job-attempts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h3>Attempts</h3>
    @if (attempts().length) {
      <ol class="attempts">
        @for (attempt of attempts(); track attempt.number) {
          <li
            class="attempt"
            [class.failed]="attempt.state === 'ended' && (attempt.exitCode !== 0 || attempt.reason !== null)"
            [attr.data-attempt]="attempt.number"
            [attr.data-state]="attempt.state"
          >
            <span class="number">#{{ attempt.number }}</span>
            <span class="node">{{ attempt.node ?? '—' }}</span>
            <span class="end">
              @switch (attempt.state) {
                @case ('running') {
                  running
                }
                @case ('unknown') {
                  <span class="quiet">not known</span>
                }
                @default {
                  {{ end(attempt) ?? 'ended' }}
                }
              }
            </span>
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
      grid-template-columns: 2.5rem minmax(0, 1fr) minmax(0, 2fr);
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
    .node {
      font-family: var(--mono);
      overflow-wrap: anywhere;
    }
    .end {
      overflow-wrap: anywhere;
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
  readonly attempts = input.required<readonly AttemptView[]>();

  protected readonly end = endOf;
}
