import { formatSummary, type LoadProgress, type LoadResult } from '@strato/loadgen';

/** Achieved below this share of the intended rate, or any drop, and the run says so out loud. */
const RATE_SHORTFALL = 0.99;
/** A send this late (p99 of the generator's own lag) means the schedule was not kept. */
const LATE_SEND_MS = 10;

/** What went wrong with the load itself (not with the cloud): empty when the schedule was kept. */
export function loadWarnings(result: LoadResult): string[] {
  const warnings: string[] = [];
  if (result.dropped > 0)
    warnings.push(
      `${result.dropped} of ${result.intended} requests were never sent: ${result.dropped} were due while --max-in-flight requests were outstanding (the cloud answered too slowly for the offered load)`,
    );
  const reached =
    result.intendedRatePerSecond === 0 ? 1 : result.achievedRatePerSecond / result.intendedRatePerSecond;
  if (reached < RATE_SHORTFALL)
    warnings.push(
      `the target rate was NOT reached: ${result.achievedRatePerSecond.toFixed(1)}/s sent of ${result.intendedRatePerSecond.toFixed(1)}/s intended (${(reached * 100).toFixed(1)} %)`,
    );
  if (result.sendLag.p99Ms > LATE_SEND_MS)
    warnings.push(
      `sends ran late: p99 ${result.sendLag.p99Ms.toFixed(1)} ms, max ${result.sendLag.maxMs.toFixed(1)} ms after their intended time (this machine could not keep up; latency still counts from the intended time)`,
    );
  return warnings;
}

/** The summary table, what the numbers mean, then any warning, loudly. */
export function simulationReport(result: LoadResult): string {
  const perPod = result.targets
    .map((t) => `${t.name} ${(t.ok / Math.max(result.wallTimeMs / 1000, 0.001)).toFixed(1)}/s ok`)
    .join(', ');
  const warnings = loadWarnings(result).map((w) => `!!! ${w}`);
  return [
    formatSummary(result),
    `per pod     ${perPod}`,
    'load model  open loop: arrivals on their schedule whatever the answers; latency from each intended send time',
    ...warnings,
  ].join('\n');
}

/** One line a second while it runs. */
export function progressLine(p: LoadProgress): string {
  const last = p.lastSecond;
  const latency =
    last && last.p50Ms !== null
      ? `, p50 ${last.p50Ms.toFixed(1)} ms, p99 ${(last.p99Ms ?? 0).toFixed(1)} ms`
      : '';
  const rate = last ? `, last second ${last.sent} sent, ${last.ok} ok${latency}` : '';
  return `${(p.elapsedMs / 1000).toFixed(0).padStart(4)} s  sent ${p.sent}, ok ${p.ok}, failed ${p.failed}, dropped ${p.dropped}, in flight ${p.inFlight}${rate}`;
}
