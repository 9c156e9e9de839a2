import { mulberry32 } from '@strato/loadgen';
/** A timed request as the access log gives it: its time, and the 1 in N it was kept at. */
export interface WeightedTime {
  ms: number;
  weight: number;
}

/** The p-th quantile as HdrHistogram reads it: the smallest value at or below which p of them lie. */
export function quantile(sorted: readonly number[], p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1];
}

/** The same over weighted samples: each stands for `weight` requests. */
export function weightedQuantile(times: readonly WeightedTime[], p: number): number {
  const sorted = [...times].sort((a, b) => a.ms - b.ms);
  const total = sorted.reduce((sum, t) => sum + t.weight, 0);
  let below = 0;
  for (const t of sorted) if ((below += t.weight) >= p * total) return t.ms;
  return sorted[sorted.length - 1].ms;
}

/**
 * How far (a fraction of all requests) the rank of a quantile estimated from weighted samples may stray:
 * 4 standard errors of the Horvitz-Thompson estimate of F(q), sqrt(sum w (w - 1) (1[x <= q] - p)^2) /
 * sum w, for requests kept independently with probability 1/w (one kept 1 in 1 adds nothing). 4 standard
 * errors are exceeded about once in 30,000 checks.
 */
export function rankTolerance(times: readonly WeightedTime[], p: number, q: number): number {
  const total = times.reduce((sum, t) => sum + t.weight, 0);
  const variance = times.reduce(
    (sum, { ms, weight }) => sum + weight * (weight - 1) * ((ms <= q ? 1 : 0) - p) ** 2,
    0,
  );
  return (4 * Math.sqrt(variance)) / total;
}

/** HdrHistogram with 2 significant digits reports a value up to 1 % off (and 1 ms for rounding). */
export const hdrBounds = (low: number, high: number): [number, number] => [
  Math.floor(low * 0.99) - 1,
  Math.ceil(high * 1.01) + 1,
];

/** A seeded uniform [0, 1) generator, so a simulated run is the same every time. */
export const seededRandom = mulberry32;
