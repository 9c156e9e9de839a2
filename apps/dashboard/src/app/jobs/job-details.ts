import { DatePipe, KeyValuePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Job } from '@strato/api-client';
import { attemptOf, endOf, runTime } from './job-format';
import { describeRetryPolicy, describeRetryRule } from './retry-rules';

/** Every field the manager keeps of a job, labelled. */
@Component({
  selector: 'strato-job-details',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, KeyValuePipe, RouterLink],
  template: `
    <dl class="fields">
      <div>
        <dt>Pod</dt>
        <dd>
          <a class="mono" [routerLink]="['/pods', job().pod]">{{ job().pod }}</a>
        </dd>
      </div>
      @if (job().workload; as workload) {
        <div>
          <dt>Workload</dt>
          <dd>
            <span class="mono">{{ workload.name }}</span>
            @for (param of workload.params | keyvalue; track param.key) {
              <span class="param">{{ param.key }} = {{ param.value }}</span>
            }
          </dd>
        </div>
      }
      @if (job().script; as script) {
        <div>
          <dt>Script</dt>
          <dd>{{ script.interpreter }}, {{ script.sourceBytes }} B</dd>
        </div>
        <div>
          <dt>Arguments</dt>
          <dd class="mono">{{ script.args.length ? script.args.join(' ') : '—' }}</dd>
        </div>
        <div>
          <dt>Environment</dt>
          <dd class="mono">
            @for (variable of script.env | keyvalue; track variable.key) {
              <span class="env">{{ variable.key }}={{ variable.value }}</span>
            } @empty {
              —
            }
          </dd>
        </div>
      }
      @if (job().array; as array) {
        <div>
          <dt>Array</dt>
          <dd>
            task {{ array.index }} of {{ array.count }} in
            <a class="mono" routerLink="/jobs" [queryParams]="{ array: array.id }">{{ array.id }}</a
            >, at most {{ array.parallelism }} at once
          </dd>
        </div>
      }
      <div>
        <dt>Attempt</dt>
        <dd>{{ attempt() }}</dd>
      </div>
      <div>
        <dt>Node</dt>
        <dd class="mono">{{ job().node ?? '—' }}</dd>
      </div>
      <div>
        <dt>Ended</dt>
        <dd>{{ end() ?? '—' }}</dd>
      </div>
      <div>
        <dt>Priority</dt>
        <dd>{{ job().priority }}</dd>
      </div>
      <div>
        <dt>Timeout</dt>
        <dd>{{ job().timeoutS }} s</dd>
      </div>
      <div>
        <dt>Retries</dt>
        <dd>
          {{ retryPolicy() }}
          @for (rule of rules(); track $index) {
            <span class="rule">{{ rule }}</span>
          }
        </dd>
      </div>
      <div>
        <dt>Submitted</dt>
        <dd>{{ job().submittedAt | date: 'medium' }}</dd>
      </div>
      <div>
        <dt>Queued</dt>
        <dd>{{ job().queuedAt | date: 'medium' }}</dd>
      </div>
      <div>
        <dt>Started</dt>
        <dd>{{ (job().startedAt | date: 'medium') ?? '—' }}</dd>
      </div>
      <div>
        <dt>Finished</dt>
        <dd>{{ (job().finishedAt | date: 'medium') ?? '—' }}</dd>
      </div>
      <div>
        <dt>Duration</dt>
        <dd>{{ duration() ?? '—' }}</dd>
      </div>
      <div>
        <dt>Abort requested</dt>
        <dd>{{ job().abortRequested ? 'yes' : 'no' }}</dd>
      </div>
    </dl>
  `,
  styles: `
    .fields {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr));
      gap: 0.75rem 1.25rem;
      margin: 0;
    }
    dt {
      font-size: 0.75rem;
      color: var(--muted);
    }
    dd {
      margin: 0.1rem 0 0;
      overflow-wrap: anywhere;
    }
    .mono {
      font-family: var(--mono);
    }
    a {
      color: var(--accent);
      text-decoration: none;
    }
    a:hover {
      text-decoration: underline;
    }
    .param,
    .env,
    .rule {
      display: block;
      font-size: 0.85rem;
    }
    .param,
    .env {
      font-family: var(--mono);
    }
  `,
})
export class JobDetails {
  readonly job = input.required<Job>();
  /** Where a running job's "so far" counts to, in ms. */
  readonly now = input.required<number>();

  protected readonly attempt = computed(() => attemptOf(this.job()));
  protected readonly end = computed(() => endOf(this.job()));
  protected readonly duration = computed(() => runTime(this.job(), this.now()));
  protected readonly retryPolicy = computed(() => describeRetryPolicy(this.job().retry));
  protected readonly rules = computed(() => this.job().retry.rules.map(describeRetryRule));
}
