import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { CloudEvent } from '@strato/api-client';
import { METRICS_RANGE_SECONDS, METRICS_RANGES, type MetricsRange } from '@strato/contracts';
import { describeFailure } from '../api/api-errors';
import { EventsApi } from '../api/events-api';
import { type PodMetricsHistory, StratoApi } from '../api/strato-api';
import { LiveConnection } from '../cloud/live-connection';
import { OwnerTokenStore } from '../cloud/owner-token.store';
import { pollWhileVisible } from '../cloud/poll-while-visible';
import { LiveMetrics } from '../metrics/live-metrics';
import { joinHistoryAndLive, podChartSeries, SCALING_TYPES, scalingMarkers } from './pod-chart-series';
import { TimeSeriesChart } from './time-series-chart';

/** In the live range the history is read again this often (for the nodes' CPU); longer ranges less. */
const LIVE_REREAD_MS = 5_000;
const HISTORY_REREAD_MS = 60_000;
const RANGE_LABELS: Record<MetricsRange, string> = {
  '15m': 'Live 15 min',
  '1h': '1 h',
  '6h': '6 h',
  '24h': '24 h',
  '7d': '7 days',
};

/**
 * A pod's charts: throughput, latency, nodes with the scaling events marked, CPU per node against the
 * cap, and the queue. The last 15 minutes follow the live stream; longer ranges come from the
 * manager's history.
 */
@Component({
  selector: 'strato-pod-charts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, TimeSeriesChart],
  template: `
    <div class="toolbar">
      <h3>Charts</h3>
      <div class="ranges" role="group" aria-label="Time range">
        @for (option of ranges; track option) {
          <button
            type="button"
            [class.active]="range() === option"
            [attr.aria-pressed]="range() === option"
            [attr.data-range]="option"
            (click)="range.set(option)"
          >
            {{ labels[option] }}
          </button>
        }
      </div>
    </div>
    @if (error(); as message) {
      <p class="error" role="alert">Cannot read the pod's history: {{ message }}</p>
    }
    <div class="grid">
      @for (panel of panels(); track panel.name) {
        <strato-time-series-chart
          [name]="panel.name"
          [title]="panel.title"
          [unit]="panel.unit"
          [series]="panel.series"
          [markers]="panel.marked ? markers() : []"
          [from]="from()"
          [to]="to()"
        />
      }
    </div>
    <section class="scaling" aria-label="Scaling decisions">
      <h4>Scaling decisions</h4>
      <ul>
        @for (event of scalingEvents(); track event.id) {
          <li class="scaling-event" [attr.data-type]="event.type">
            <time [attr.datetime]="event.at">{{ event.at | date: 'mediumTime' }}</time>
            <strong>{{ event.type === 'ScaleOut' ? 'Scale out' : 'Scale in' }}</strong>
            <span class="message">{{ event.message }}</span>
          </li>
        } @empty {
          <li class="none">No scaling decision yet{{ range() === '15m' ? '' : ' in this range' }}.</li>
        }
      </ul>
    </section>
  `,
  styleUrl: './pod-charts.css',
})
export class PodCharts {
  readonly pod = input.required<string>();
  /** The pod's CPU cap per node, in CPUs (a line on the CPU chart). */
  readonly cpuCap = input.required<number>();

  private readonly api = inject(StratoApi);
  private readonly eventsApi = inject(EventsApi);
  private readonly token = inject(OwnerTokenStore).value;
  private readonly live = inject(LiveMetrics);
  private readonly history = signal<PodMetricsHistory | null>(null);
  private readonly events = signal<readonly CloudEvent[]>([]);
  protected readonly error = signal<string | null>(null);
  /** When the history was last read; the effect reads it first, once the inputs are set. */
  private readAt = Date.now();

  protected readonly ranges = METRICS_RANGES;
  protected readonly labels = RANGE_LABELS;
  readonly range = signal<MetricsRange>('15m');

  private readonly points = computed(() => {
    const history = this.history()?.points ?? [];
    return this.range() === '15m' ? joinHistoryAndLive(history, this.live.recent(this.pod())) : history;
  });
  protected readonly to = computed(() => {
    const last = this.points().at(-1);
    return last ? Date.parse(last.at) : undefined;
  });
  /** The range back from the newest point, or from the oldest when the pod has less history than that. */
  protected readonly from = computed(() => {
    const to = this.to();
    const first = this.points()[0];
    if (to === undefined || !first) return undefined;
    return Math.max(to - METRICS_RANGE_SECONDS[this.range()] * 1000, Date.parse(first.at));
  });
  protected readonly charts = computed(() =>
    podChartSeries(this.points(), this.history()?.nodes ?? [], this.cpuCap()),
  );
  protected readonly scalingEvents = computed(() => {
    const from = this.from() ?? Number.NEGATIVE_INFINITY;
    return this.events().filter((event) => Date.parse(event.at) >= from);
  });
  /** The charts in their order; the scaling marks go on all but the CPU chart. */
  protected readonly panels = computed(() => {
    const charts = this.charts();
    return [
      { name: 'throughput', title: 'Throughput', unit: ' /s', series: charts.throughput, marked: true },
      { name: 'latency', title: 'Latency', unit: ' ms', series: charts.latency, marked: true },
      { name: 'nodes', title: 'Nodes', unit: '', series: charts.nodes, marked: true },
      { name: 'cpu', title: 'CPU per node (% of a core)', unit: ' %', series: charts.cpu, marked: false },
      { name: 'queue', title: 'Queue and sessions', unit: '', series: charts.queue, marked: true },
    ];
  });
  protected readonly markers = computed(() => scalingMarkers(this.scalingEvents()));

  constructor() {
    effect(() => void this.read(this.pod(), this.range()));
    pollWhileVisible(() => {
      const every = this.range() === '15m' ? LIVE_REREAD_MS : HISTORY_REREAD_MS;
      if (Date.now() - this.readAt >= every) void this.read(this.pod(), this.range());
    }, LIVE_REREAD_MS);
    inject(LiveConnection)
      .frames$.pipe(takeUntilDestroyed())
      .subscribe((frame) => {
        if (frame.kind !== 'events') return;
        const mine = frame.events.filter(
          (event) => event.pod === this.pod() && SCALING_TYPES.has(event.type),
        );
        if (mine.length > 0) this.events.update((known) => [...mine.reverse(), ...known]);
      });
  }

  private async read(pod: string, range: MetricsRange): Promise<void> {
    const token = this.token();
    if (!token) return;
    this.readAt = Date.now();
    try {
      const [history, outs, ins] = await Promise.all([
        this.api.podMetrics(token, pod, range),
        this.eventsApi.listEvents(token, { pod, type: 'ScaleOut', limit: 50 }),
        this.eventsApi.listEvents(token, { pod, type: 'ScaleIn', limit: 50 }),
      ]);
      if (pod !== this.pod() || range !== this.range()) return;
      this.history.set(history);
      this.events.set([...outs, ...ins].sort((a, b) => b.id - a.id));
      this.error.set(null);
    } catch (error: unknown) {
      this.error.set(describeFailure(error));
    }
  }
}
