import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { type EventFilter, sameFilter } from './event-filter';
import { EVENT_KINDS, isEventKind } from './event-kinds';

/** The timeline's filters: a pod of those known, a node by name, a kind. Emits the whole new filter. */
@Component({
  selector: 'strato-event-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      role="search"
      aria-label="Filter events"
      (submit)="submit($event, pod.value, node.value, kind.value)"
    >
      <label>
        Pod
        <select #pod name="pod" (change)="submit(null, pod.value, node.value, kind.value)">
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
          (change)="submit(null, pod.value, node.value, kind.value)"
        />
      </label>
      <label>
        Kind
        <select #kind name="kind" (change)="submit(null, pod.value, node.value, kind.value)">
          <option value="all" [selected]="filter().kind === 'all'">all kinds</option>
          @for (choice of kinds; track choice) {
            <option [value]="choice" [selected]="choice === filter().kind">{{ choice }}</option>
          }
        </select>
      </label>
    </form>
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
  `,
})
export class EventFilters {
  readonly filter = input.required<EventFilter>();
  /** The pods the cloud has; a pod named in the URL but not (yet) known stays selectable. */
  readonly pods = input.required<readonly string[]>();
  readonly changed = output<EventFilter>();

  protected readonly kinds = EVENT_KINDS;
  protected readonly podChoices = computed(() => {
    const pod = this.filter().pod;
    return pod && !this.pods().includes(pod) ? [...this.pods(), pod] : this.pods();
  });

  protected submit(event: Event | null, pod: string, node: string, kind: string): void {
    event?.preventDefault();
    const next: EventFilter = { pod, node: node.trim(), kind: isEventKind(kind) ? kind : 'all' };
    if (!sameFilter(next, this.filter())) this.changed.emit(next);
  }
}
