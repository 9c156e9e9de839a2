import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { BATCH_JOB_STATUSES } from '@strato/contracts';
import { type JobFilter, isJobStatus, sameFilter } from './job-filter';

/** The jobs list's filters: a status, a pod of those known, a node by name; and the array, when one is named. */
@Component({
  selector: 'strato-job-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      role="search"
      aria-label="Filter jobs"
      (submit)="submit($event, status.value, pod.value, node.value)"
    >
      <label>
        Status
        <select #status name="status" (change)="submit(null, status.value, pod.value, node.value)">
          <option value="" [selected]="!filter().status">any status</option>
          @for (choice of statuses; track choice) {
            <option [value]="choice" [selected]="choice === filter().status">{{ choice }}</option>
          }
        </select>
      </label>
      <label>
        Pod
        <select #pod name="pod" (change)="submit(null, status.value, pod.value, node.value)">
          <option value="" [selected]="!filter().pod">all pods</option>
          @for (name of podChoices(); track name) {
            <option [value]="name" [selected]="name === filter().pod">{{ name }}</option>
          }
        </select>
      </label>
      <label>
        Node
        <input
          #node
          name="node"
          type="search"
          autocomplete="off"
          spellcheck="false"
          placeholder="any node"
          [value]="filter().node"
          (change)="submit(null, status.value, pod.value, node.value)"
        />
      </label>
    </form>
    @if (filter().array; as array) {
      <p class="array">
        Tasks of array <code>{{ array }}</code>
        <button type="button" class="clear" (click)="clearArray()">Show all jobs</button>
      </p>
    }
  `,
  styles: `
    form {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
    }
    label {
      display: flex;
      flex: 1 1 9rem;
      flex-direction: column;
      gap: 0.15rem;
      font-size: 0.75rem;
      color: var(--muted);
    }
    select,
    input {
      padding: 0.35rem 0.55rem;
      font: inherit;
      font-size: 0.875rem;
      color: var(--text);
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: 6px;
    }
    .array {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      margin: 0.5rem 0 0;
      font-size: 0.875rem;
    }
    .clear {
      padding: 0.2rem 0.6rem;
      font: inherit;
      font-size: 0.8rem;
      color: var(--accent);
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: 6px;
      cursor: pointer;
    }
  `,
})
export class JobFilters {
  readonly filter = input.required<JobFilter>();
  /** The pods the cloud has; a pod named in the URL but not (yet) known stays selectable. */
  readonly pods = input.required<readonly string[]>();
  /** The whole new filter, back on the first page. */
  readonly changed = output<JobFilter>();

  protected readonly statuses = BATCH_JOB_STATUSES;
  protected readonly podChoices = computed(() => {
    const pod = this.filter().pod;
    return pod && !this.pods().includes(pod) ? [...this.pods(), pod] : this.pods();
  });

  protected submit(event: Event | null, status: string, pod: string, node: string): void {
    event?.preventDefault();
    this.emit({ ...this.filter(), status: isJobStatus(status) ? status : '', pod, node: node.trim() });
  }

  protected clearArray(): void {
    this.emit({ ...this.filter(), array: '' });
  }

  private emit(change: JobFilter): void {
    const next = { ...change, page: 1 };
    if (!sameFilter(next, this.filter())) this.changed.emit(next);
  }
}
