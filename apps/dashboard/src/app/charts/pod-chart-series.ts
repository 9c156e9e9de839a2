import type { CloudEvent } from '@strato/api-client';
import type { PodMetricsSample } from '@strato/contracts';
import { type ChartMarker, type ChartSeries, SERIES_COLORS } from './chart-series';

/** One point of a pod's history or of its live samples. */
export type PodPoint = Omit<PodMetricsSample, 'pod'>;

export interface NodeCpuSeries {
  readonly node: string;
  readonly points: readonly { readonly at: string; readonly cpuPercent: number | null }[];
}

export interface PodCharts {
  readonly throughput: ChartSeries[];
  readonly latency: ChartSeries[];
  readonly nodes: ChartSeries[];
  readonly cpu: ChartSeries[];
  readonly queue: ChartSeries[];
}

export const SCALING_TYPES = new Set(['ScaleOut', 'ScaleIn']);

/** The lines of a pod's charts, from its samples (oldest first) and its nodes' CPU. */
export function podChartSeries(
  points: readonly PodPoint[],
  nodeCpu: readonly NodeCpuSeries[],
  cpuCap: number,
): PodCharts {
  const line = (label: string, color: string, y: (point: PodPoint) => number | null, dashed = false) => ({
    label,
    color,
    dashed,
    points: points.map((point) => ({ x: Date.parse(point.at), y: y(point) })),
  });
  const [blue, amber, green, red] = SERIES_COLORS;
  const cpu: ChartSeries[] = nodeCpu.map((series, index) => ({
    label: series.node,
    color: SERIES_COLORS[index % SERIES_COLORS.length],
    points: series.points.map((point) => ({ x: Date.parse(point.at), y: point.cpuPercent })),
  }));
  const xs = points.map((point) => Date.parse(point.at));
  if (cpu.length > 0 && xs.length > 0) {
    const cap = cpuCap * 100;
    cpu.push({
      label: 'cap',
      color: red,
      dashed: true,
      points: [
        { x: Math.min(...xs), y: cap },
        { x: Math.max(...xs), y: cap },
      ],
    });
  }
  return {
    throughput: [line('req/s', blue, (p) => p.requestRate), line('5xx/s', red, (p) => p.http5xxRate)],
    latency: [line('p50', blue, (p) => p.latencyP50Ms), line('p99', amber, (p) => p.latencyP99Ms)],
    nodes: [
      line('ready', green, (p) => p.nodes.ready),
      line('all', blue, (p) => p.nodes.total),
      line('wanted', amber, (p) => p.desiredNodes, true),
    ],
    cpu,
    queue: [line('waiting', amber, (p) => p.queue), line('serving', blue, (p) => p.sessions)],
  };
}

/** History then the live samples newer than its last point. */
export function joinHistoryAndLive(history: readonly PodPoint[], live: readonly PodPoint[]): PodPoint[] {
  const last = history.at(-1);
  const after = last ? Date.parse(last.at) : Number.NEGATIVE_INFINITY;
  return [...history, ...live.filter((point) => Date.parse(point.at) > after)];
}

/** Scale-outs and scale-ins as marks on the time axis. */
export function scalingMarkers(events: readonly CloudEvent[]): ChartMarker[] {
  return events
    .filter((event) => SCALING_TYPES.has(event.type))
    .map((event) => ({
      x: Date.parse(event.at),
      label: event.type === 'ScaleOut' ? '▲ out' : '▼ in',
      color: event.type === 'ScaleOut' ? SERIES_COLORS[2] : SERIES_COLORS[4],
    }));
}
