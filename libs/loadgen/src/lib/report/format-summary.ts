import { LatencySummary } from '../measure/latency-histogram';
import { LoadResult } from '../measure/load-result';

/** A compact, fixed-width report of one run for terminals and logs. */
export function formatSummary(result: LoadResult): string {
  const r = result;
  const lines = [
    `${r.schedule} · stopped by ${r.stoppedBy} · window ${seconds(r.sendWindowMs)} · wall ${seconds(r.wallTimeMs)}`,
    `rate        intended ${rate(r.intendedRatePerSecond)}  achieved ${rate(r.achievedRatePerSecond)}  ` +
      `throughput ${rate(r.throughputPerSecond)} (2xx ${rate(r.okThroughputPerSecond)})`,
    `requests    intended ${r.intended}  sent ${r.sent}  ok ${r.ok}  failed ${r.failed}  ` +
      `dropped ${r.dropped}  cancelled ${r.cancelled}  max in flight ${r.maxInFlightSeen}`,
    row('', ['p50', 'p90', 'p99', 'p99.9', 'max', 'mean']),
    latencyRow('latency', r.latency),
    latencyRow('service', r.serviceTime),
    latencyRow('send lag', r.sendLag),
    `statuses    ${counts(r.statusCounts)}`,
    `errors      ${counts(r.errorCounts)}`,
    ...beforeTheClock(r),
  ];
  if (r.targets.length > 1) {
    lines.push(row('target', ['share', 'sent', 'ok', 'failed', 'dropped', 'p50', 'p99']));
    for (const t of r.targets) {
      const cells = [`${Math.round(t.share * 100)}%`, t.sent, t.ok, t.failed, t.dropped];
      lines.push(row(t.name, [...cells.map(String), ms(t.latency.p50Ms), ms(t.latency.p99Ms)]));
    }
  }
  return lines.join('\n');
}

function latencyRow(label: string, s: LatencySummary): string {
  return row(label, [s.p50Ms, s.p90Ms, s.p99Ms, s.p999Ms, s.maxMs, s.meanMs].map(ms));
}

function row(label: string, cells: string[]): string {
  return label.padEnd(12) + cells.map((cell) => cell.padStart(10)).join('');
}

function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(value >= 10 ? 1 : 2)} ms`;
}

/** What was done before the run's clock started, so that no request paid for it. */
function beforeTheClock(r: LoadResult): string[] {
  const parts = [];
  if (r.warmUpMs) parts.push(`generator warmed up ${seconds(r.warmUpMs)} on its own server`);
  if (r.preconnected) parts.push(`${r.preconnected} connections opened in ${ms(r.preconnectMs ?? 0)}`);
  return parts.length > 0 ? [`before      ${parts.join(', ')}`] : [];
}

function seconds(valueMs: number): string {
  return `${(valueMs / 1000).toFixed(2)} s`;
}

function rate(perSecond: number): string {
  return `${perSecond.toFixed(1)}/s`;
}

function counts(byKey: Record<string, number>): string {
  const entries = Object.entries(byKey);
  return entries.length === 0 ? '-' : entries.map(([key, count]) => `${key} ×${count}`).join('  ');
}
