import type { CapacityResult, LatencySummary, LoadResult, OutcomeCounts } from '@strato/loadgen';
import type { Point, ReportChart, Series } from '../../report/report-document';

/** ms with a precision that suits its size. */
export const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

export const percent = (fraction: number): string => `${(fraction * 100).toFixed(0)} %`;

/** Errors by class: HTTP statuses other than 2xx, then transport errors (refused, reset, timeout). */
export function errorsByClass(counts: OutcomeCounts): string {
  const statuses = Object.entries(counts.statusCounts)
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, n]) => `HTTP ${status} ×${n}`);
  const errors = Object.entries(counts.errorCounts).map(([code, n]) => `${code} ×${n}`);
  const all = [...statuses, ...errors];
  return all.length === 0 ? 'none' : all.join(', ');
}

/** The points an HDR summary gives, for a percentile plot. */
export function latencyPoints(latency: LatencySummary): { percentile: number; ms: number }[] {
  if (latency.count === 0) return [];
  return [
    { percentile: 0, ms: latency.minMs },
    { percentile: 50, ms: latency.p50Ms },
    { percentile: 90, ms: latency.p90Ms },
    { percentile: 99, ms: latency.p99Ms },
    { percentile: 99.9, ms: latency.p999Ms },
    { percentile: 100, ms: latency.maxMs },
  ];
}

/** Per second of a run, shifted by `offsetS`: answered ok, and the p50 and p99 of latency. */
export function timelineSeries(result: LoadResult, offsetS = 0, label = ''): Series[] {
  const at = (second: number) => offsetS + second;
  const suffix = label ? ` ${label}` : '';
  const points = (pick: (b: LoadResult['timeline'][number]) => number | null): Point[] =>
    result.timeline.map((b) => [at(b.second), pick(b)]);
  return [
    { name: `sent/s${suffix}`, points: points((b) => b.sent) },
    { name: `ok/s${suffix}`, points: points((b) => b.ok) },
    { name: `p50 ms${suffix}`, points: points((b) => b.p50Ms), axis: 'right' },
    { name: `p99 ms${suffix}`, points: points((b) => b.p99Ms), axis: 'right' },
  ];
}

/** Load and latency of one run on one time axis. */
export function runTimeChart(title: string, result: LoadResult): ReportChart {
  return {
    kind: 'time',
    title,
    xLabel: 's since start',
    leftLabel: 'requests per second',
    rightLabel: 'latency (ms)',
    rightScale: 'log',
    series: timelineSeries(result),
  };
}

/** The latency summary as table cells: p50, p90, p99, p99.9, max. */
export const latencyCells = (l: LatencySummary): string[] =>
  [l.p50Ms, l.p90Ms, l.p99Ms, l.p999Ms, l.maxMs].map(ms);

export const LATENCY_COLUMNS = ['p50 ms', 'p90 ms', 'p99 ms', 'p99.9 ms', 'max ms'];

/** How a capacity was measured, in one sentence's middle. */
export const capacityHow = (c: CapacityResult): string =>
  `by ${c.concurrency} users in a closed loop for ${c.durationMs / 1000} s, after ${(c.warmUpMs / 1000).toFixed(0)} s of warm-up (${c.warmUpSettled ? 'until the rate settled' : 'the rate had not settled: the capacity may be low'}); response time p50 ${ms(c.latency.p50Ms)} ms, p99 ${ms(c.latency.p99Ms)} ms`;
