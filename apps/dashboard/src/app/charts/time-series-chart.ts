import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import {
  type ChartConfiguration,
  type ChartDataset,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { BaseChartDirective, provideCharts } from 'ng2-charts';
import { type ChartMarker, type ChartSeries, latestValue } from './chart-series';
import { markerPlugin } from './marker-plugin';

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const clockWithDay = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * A line chart over time (chart.js on a canvas), with scaling events or other moments marked on the
 * same axis. The figure carries its newest values as text (and as data attributes), since a canvas
 * says nothing to a screen reader or a test.
 */
@Component({
  selector: 'strato-time-series-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BaseChartDirective],
  // Only what a line chart uses, so the bundle carries no other chart type.
  providers: [
    provideCharts({
      registerables: [LineController, LineElement, PointElement, LinearScale, Legend, Tooltip],
    }),
  ],
  template: `
    <figure [attr.data-chart]="name()" [attr.data-points]="pointCount()" [attr.data-latest]="latestFirst()">
      <figcaption>
        <span class="title">{{ title() }}</span>
        <span class="now">{{ caption() }}</span>
      </figcaption>
      <div class="plot">
        <canvas
          baseChart
          type="line"
          [data]="data()"
          [options]="options()"
          [plugins]="plugins"
          [attr.aria-label]="title() + ': ' + caption()"
          role="img"
        ></canvas>
      </div>
    </figure>
  `,
  styles: `
    figure {
      margin: 0;
      padding: 0.75rem 0.9rem 0.6rem;
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: var(--radius);
    }
    figcaption {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 0.25rem 1rem;
      margin-bottom: 0.4rem;
      font-size: 0.85rem;
    }
    .title {
      font-weight: 600;
    }
    .now {
      color: var(--muted);
      font-variant-numeric: tabular-nums;
    }
    .plot {
      position: relative;
      height: 11rem;
    }
  `,
})
export class TimeSeriesChart {
  /** A stable name for the figure (`data-chart`), e.g. "throughput". */
  readonly name = input.required<string>();
  readonly title = input.required<string>();
  readonly unit = input('');
  readonly series = input.required<readonly ChartSeries[]>();
  readonly markers = input<readonly ChartMarker[]>([]);
  /** The x axis spans [from, to] (ms since the epoch); absent: the data's own span. */
  readonly from = input<number | undefined>(undefined);
  readonly to = input<number | undefined>(undefined);

  protected readonly plugins = [markerPlugin(() => this.markers())];

  protected readonly pointCount = computed(() =>
    this.series().reduce((sum, line) => sum + line.points.filter((point) => point.y !== null).length, 0),
  );
  /** The first series' newest value, for a test to watch it move. */
  protected readonly latestFirst = computed(() => {
    const first = this.series()[0];
    return first ? latestValue(first) : null;
  });
  protected readonly caption = computed(() =>
    this.series()
      .map((line) => `${line.label} ${format(latestValue(line))}${this.unit()}`)
      .join(' · '),
  );

  protected readonly data = computed<ChartConfiguration<'line'>['data']>(() => ({
    datasets: this.series().map(
      (line): ChartDataset<'line', { x: number; y: number | null }[]> => ({
        label: line.label,
        data: line.points.map((point) => ({ x: point.x, y: point.y })),
        borderColor: line.color,
        backgroundColor: line.color,
        borderWidth: 1.5,
        borderDash: line.dashed ? [5, 4] : [],
        pointRadius: 0,
        stepped: line.dashed ? 'before' : false,
        spanGaps: false,
      }),
    ),
  }));

  protected readonly options = computed<ChartConfiguration<'line'>['options']>(() => {
    const from = this.from();
    const to = this.to();
    const longRange = from !== undefined && to !== undefined && to - from > 24 * 3_600_000 - 1;
    return {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      plugins: {
        legend: { display: this.series().length > 1, labels: { boxWidth: 10, boxHeight: 10 } },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? clock.format(items[0].parsed.x ?? 0) : ''),
          },
        },
      },
      scales: {
        x: {
          type: 'linear',
          min: from,
          max: to,
          ticks: {
            maxTicksLimit: 7,
            stepSize: from !== undefined && to !== undefined ? tickStep(to - from) : undefined,
            callback: (value) => (longRange ? clockWithDay : clock).format(Number(value)),
          },
          grid: { color: 'rgba(128, 128, 128, 0.15)' },
        },
        y: {
          beginAtZero: true,
          ticks: { maxTicksLimit: 5 },
          grid: { color: 'rgba(128, 128, 128, 0.15)' },
        },
      },
    };
  });
}

const MINUTE = 60_000;
const TICK_STEPS = [1, 2, 3, 5, 10, 15, 30, 60, 120, 240, 360, 720, 1440].map((minutes) => minutes * MINUTE);

/** The smallest round step (a minute, 5 minutes, an hour, a day…) that puts at most 6 ticks on the span. */
export function tickStep(spanMs: number): number | undefined {
  if (!(spanMs > 0)) return undefined;
  return TICK_STEPS.find((step) => spanMs / step <= 6) ?? TICK_STEPS.at(-1);
}

function format(value: number | null): string {
  if (value === null) return '—';
  return value >= 10 || Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1);
}
