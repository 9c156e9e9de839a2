import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Job } from '@strato/api-client';
import { attemptOf, endOf, jobWhat, runTime } from './job-format';
import { JobStatusBadge } from './job-status-badge';

/** Jobs as rows, in the order given; on a phone each row becomes a card of labelled fields. */
@Component({
  selector: 'strato-job-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, JobStatusBadge, RouterLink],
  template: `
    <table class="jobs" aria-label="Jobs, newest first">
      <thead>
        <tr>
          <th scope="col">Job</th>
          <th scope="col">What</th>
          <th scope="col">Pod</th>
          <th scope="col">Status</th>
          <th scope="col">Attempt</th>
          <th scope="col">Node</th>
          <th scope="col">Submitted</th>
          <th scope="col">Started</th>
          <th scope="col">Finished</th>
          <th scope="col">Duration</th>
          <th scope="col">Exit</th>
        </tr>
      </thead>
      <tbody>
        @for (job of jobs(); track job.id) {
          <tr [attr.data-job]="job.id" [attr.data-status]="job.status">
            <td class="id" data-label="Job">
              <a [routerLink]="['/jobs', job.id]">{{ job.id }}</a>
            </td>
            <td class="what" data-label="What">{{ what(job) }}</td>
            <td data-label="Pod">
              <a class="pod" [routerLink]="['/pods', job.pod]">{{ job.pod }}</a>
            </td>
            <td data-label="Status">
              <strato-job-status-badge [status]="job.status" />
              @if (job.abortRequested && job.status === 'RUNNING') {
                <span class="aborting">aborting</span>
              }
            </td>
            <td class="attempt num" data-label="Attempt">{{ attempt(job) }}</td>
            <td class="node" data-label="Node">{{ job.node ?? '—' }}</td>
            <td class="time" data-label="Submitted">{{ job.submittedAt | date: 'MMM d, HH:mm:ss' }}</td>
            <td class="time" data-label="Started" [attr.title]="job.startedAt">
              {{ (job.startedAt | date: 'HH:mm:ss') ?? '—' }}
            </td>
            <td class="time" data-label="Finished" [attr.title]="job.finishedAt">
              {{ (job.finishedAt | date: 'HH:mm:ss') ?? '—' }}
            </td>
            <td class="duration num" data-label="Duration">{{ runTime(job, now()) ?? '—' }}</td>
            <td class="exit" data-label="Exit">{{ end(job) ?? '—' }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styleUrl: './job-table.css',
})
export class JobTable {
  readonly jobs = input.required<readonly Job[]>();
  /** Where a running job's "so far" counts to, in ms; the page moves it on. */
  readonly now = input.required<number>();

  protected readonly what = jobWhat;
  protected readonly attempt = attemptOf;
  protected readonly end = endOf;
  protected readonly runTime = runTime;
}
