import { ACCESS_LOG_SAMPLING, parseAccessLogLine } from '@strato/haproxy';
import { ResponseTimes } from './response-times';
import {
  hdrBounds,
  quantile,
  rankTolerance,
  seededRandom,
  type WeightedTime,
} from './testing/latency-quantiles';

/**
 * HAProxy's sampling as rendered (1 in floor(be_sess_rate / 250), kept when rand mod N is 0), simulated
 * over a run whose rate and latency change together: 6 s at 20k req/s of 1-50 ms requests, 2 s quiet,
 * 6 s at 300 req/s of 150-300 ms ones. Each kept request becomes a log line read by the real parser.
 */
function simulate(seed: number): { all: number[]; lines: WeightedTime[]; text: string[] } {
  const random = seededRandom(seed);
  const all: number[] = [];
  const lines: WeightedTime[] = [];
  const text: string[] = [];
  const arrivals: number[] = [];
  let lastSecond = 0; // arrivals[lastSecond..] came in the last second: be_sess_rate
  const phases = [
    { fromMs: 0, toMs: 6000, perSecond: 20_000, ms: () => Math.round(Math.exp(random() * Math.log(50))) },
    { fromMs: 8000, toMs: 14_000, perSecond: 300, ms: () => Math.round(150 + random() * 150) },
  ];
  for (const phase of phases) {
    for (let t = phase.fromMs; t < phase.toMs; t += 1000 / phase.perSecond) {
      while (lastSecond < arrivals.length && arrivals[lastSecond] <= t - 1000) lastSecond++;
      const rate = arrivals.length - lastSecond;
      const oneIn = Math.floor(rate / ACCESS_LOG_SAMPLING.linesPerSecondPerPod);
      arrivals.push(t);
      const ms = phase.ms();
      all.push(ms);
      if (oneIn > 1 && Math.floor(random() * 2 ** 32) % oneIn !== 0) continue;
      const line = `be_light n1 ${ms} 200 ${oneIn}`;
      text.push(line);
      const entry = parseAccessLogLine(line);
      if (entry) lines.push({ ms: entry.totalMs, weight: entry.weight });
    }
  }
  return { all: all.sort((a, b) => a - b), lines, text };
}

describe('ResponseTimes fed by sampled access-log lines', () => {
  const run = simulate(11);
  const record = (weighted: boolean) => {
    const rt = new ResponseTimes(() => 60_000);
    for (const { ms, weight } of run.lines) rt.record('light', ms, weighted ? weight : 1);
    const summary = rt.summary('light', 60_000);
    if (!summary) throw new Error('nothing recorded');
    return summary;
  };

  it('reads a bounded number of lines: 250 to 500 a second from the busy pod, every one from the quiet', () => {
    expect(run.all).toHaveLength(120_000 + 1800);
    // The first second climbs from every request to 1 in 80 (ramp-up), then 250 lines a second.
    expect(run.lines.length).toBeGreaterThan(1800 + 5 * 250);
    expect(run.lines.length).toBeLessThan(1800 + 6 * 500 + 2000);
    expect(run.text[0]).toBe(`be_light n1 ${run.lines[0].ms} 200 0`);
  });

  it.each([
    ['p50', 0.5, 'p50Ms'],
    ['p90', 0.9, 'p90Ms'],
    ['p99', 0.99, 'p99Ms'],
  ] as const)('reports %s of all 121,800 requests within the tolerance its samples give', (_, p, key) => {
    const reported = record(true)[key];
    const delta = rankTolerance(run.lines, p, quantile(run.all, p));
    const [low, high] = hdrBounds(quantile(run.all, p - delta), quantile(run.all, p + delta));
    expect(delta).toBeLessThan(0.06);
    expect(reported).toBeGreaterThanOrEqual(low);
    expect(reported).toBeLessThanOrEqual(high);
  });

  it('would be wrong without the weights: the quiet slow phase is 1.5 % of requests but 39 % of lines', () => {
    const unweighted = record(false);
    expect(unweighted.p90Ms).toBeGreaterThanOrEqual(150);
    expect(quantile(run.all, 0.9)).toBeLessThan(50);
    expect(run.lines.filter((line) => line.ms >= 150).length / run.lines.length).toBeGreaterThan(0.35);
  });
});
