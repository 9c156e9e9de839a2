import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { LogEntry, LogPhase } from './job-log.store';
import { StickToBottom } from './stick-to-bottom';

/** A job's output as a terminal shows it: stderr told apart, kept at its end unless scrolled up. */
@Component({
  selector: 'strato-job-log-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StickToBottom],
  template: `
    <div class="bar">
      <h3>Logs</h3>
      @if (phase() === 'following') {
        <span class="following" aria-live="polite">Following live…</span>
      }
      <span class="legend"><span class="err">stderr</span> in red</span>
    </div>
    @if (error(); as error) {
      <p class="error" role="alert">{{ error }}</p>
    }
    @if (truncatedNote(); as note) {
      <p class="truncated">{{ note }}</p>
    }
    @if (entries().length) {
      <!-- Its content on one line: a <pre> keeps the whitespace of its template. -->
      <pre
        class="job-logs"
        tabindex="0"
        aria-label="Job output"
        [stratoStickToBottom]="entries()"
        #stick="stickToBottom"
      >@for (entry of entries(); track $index) {@if (entry.kind === 'line') {<span class="log-line" [attr.data-stream]="entry.stream">{{ entry.text }}</span>} @else {<span class="log-attempt">attempt {{ entry.attempt }} on node {{ entry.node }}</span>}}</pre>
      @if (!stick.stuck() && phase() === 'following') {
        <button type="button" class="to-end" (click)="stick.toEnd()">Jump to the newest lines</button>
      }
    } @else {
      <p class="quiet no-output">{{ emptyNote() }}</p>
    }
  `,
  styleUrl: './job-log-view.css',
})
export class JobLogView {
  readonly entries = input.required<readonly LogEntry[]>();
  readonly phase = input.required<LogPhase>();
  readonly truncated = input.required<{ readonly stdout: boolean; readonly stderr: boolean }>();
  readonly error = input<string | null>(null);
  /** The job has not started: there is nothing yet to show. */
  readonly notStarted = input(false);

  protected readonly truncatedNote = computed(() => {
    const { stdout, stderr } = this.truncated();
    const cut = [stdout ? 'stdout' : null, stderr ? 'stderr' : null].filter(Boolean).join(' and ');
    return cut ? `Truncated: ${cut} went over the size cap; what came after was dropped.` : null;
  });

  protected readonly emptyNote = computed(() => {
    const phase = this.phase();
    if (phase === 'following') return this.notStarted() ? 'Waiting for the job to start…' : 'No output yet…';
    if (phase === 'complete') return this.notStarted() ? 'The job never started: no output.' : 'No output.';
    return 'Reading the logs…';
  });
}
