import { InvalidLoadOptionsError } from '../errors/invalid-load-options.error';
import { takeOffsets } from './arrival-schedule';
import { rateProfile } from './rate-phases';
import { poisson } from './schedules';
import { varyingPoisson } from './varying-poisson';

const gaps = (offsets: number[]) => offsets.slice(1).map((at, i) => at - offsets[i]);
const within = (offsets: number[], from: number, to: number) =>
  offsets.filter((at) => at >= from && at < to).length;

/** Kolmogorov–Smirnov distance between the sample and the exponential CDF of the given mean. */
function ksDistance(sample: number[], mean: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  const n = sorted.length;
  let d = 0;
  sorted.forEach((x, i) => {
    const cdf = 1 - Math.exp(-x / mean);
    d = Math.max(d, Math.abs(cdf - i / n), Math.abs(cdf - (i + 1) / n));
  });
  return d;
}

describe('poisson inter-arrival times: exponential, as the course asked', () => {
  it.each([7, 42, 2026])('pass a Kolmogorov–Smirnov test at 5 %% over 10,000 draws (seed %p)', (seed) => {
    const g = gaps([0, ...takeOffsets(poisson(100, seed), { maxCount: 10_000 })]);
    // The critical value for n = 10,000 at alpha = 0.05 is 1.358 / sqrt(n).
    expect(ksDistance(g, 10)).toBeLessThan(1.358 / Math.sqrt(g.length));
  });

  it('fail it against an exponential of another mean, and evenly spaced arrivals fail it too', () => {
    const g = gaps([0, ...takeOffsets(poisson(100, 7), { maxCount: 10_000 })]);
    expect(ksDistance(g, 11)).toBeGreaterThan(1.358 / Math.sqrt(g.length));
    expect(ksDistance(Array(10_000).fill(10), 10)).toBeGreaterThan(0.3);
  });
});

describe('varyingPoisson (thinning)', () => {
  const ramp = rateProfile([{ kind: 'ramp', from: 0, to: 200, durationMs: 10_000 }]);

  it('follows a ramp: ~1000 arrivals, a quarter of them in the first half', () => {
    const offsets = takeOffsets(varyingPoisson(ramp, 5));
    // Poisson counts: mean 1000 (sd 32) in all, 250 (sd 16) in the first half.
    expect(offsets.length).toBeGreaterThan(900);
    expect(offsets.length).toBeLessThan(1100);
    expect(within(offsets, 0, 5000)).toBeGreaterThan(200);
    expect(within(offsets, 0, 5000)).toBeLessThan(300);
    expect(offsets.at(-1)).toBeLessThan(10_000);
  });

  it('plays a spike: the peak rate inside it, the base outside', () => {
    const spike = rateProfile([
      { kind: 'spike', base: 50, peak: 1000, atMs: 4000, spikeMs: 2000, durationMs: 10_000 },
    ]);
    const offsets = takeOffsets(varyingPoisson(spike, 9));
    expect(within(offsets, 4000, 6000)).toBeGreaterThan(1850); // mean 2000, sd 45
    expect(within(offsets, 4000, 6000)).toBeLessThan(2150);
    expect(within(offsets, 0, 4000)).toBeGreaterThan(160); // mean 200, sd 14
    expect(within(offsets, 0, 4000)).toBeLessThan(240);
  });

  it('swings with a sine: its crest half carries more than its trough half', () => {
    const sine = rateProfile([
      { kind: 'sine', mean: 100, amplitude: 80, periodMs: 10_000, durationMs: 10_000 },
    ]);
    const offsets = takeOffsets(varyingPoisson(sine, 3));
    // Expected 1000 ± 32 in all; the crest half 500 + 80·10/π ≈ 755, the trough half ≈ 245.
    expect(offsets.length).toBeGreaterThan(900);
    expect(offsets.length).toBeLessThan(1100);
    expect(within(offsets, 0, 5000)).toBeGreaterThan(680);
    expect(within(offsets, 5000, 10_000)).toBeLessThan(320);
  });

  it('plays phases back to back, each at its own rate, and ends with the last', () => {
    const profile = rateProfile([
      { kind: 'constant', rate: 100, durationMs: 5000 },
      { kind: 'constant', rate: 400, durationMs: 5000 },
    ]);
    expect(profile.durationMs).toBe(10_000);
    const offsets = takeOffsets(varyingPoisson(profile, 11));
    expect(within(offsets, 0, 5000)).toBeGreaterThan(440); // mean 500, sd 22
    expect(within(offsets, 0, 5000)).toBeLessThan(560);
    expect(within(offsets, 5000, 10_000)).toBeGreaterThan(1880); // mean 2000, sd 45
    expect(within(offsets, 5000, 10_000)).toBeLessThan(2120);
  });

  it('replays the same times for the same seed, other times for another', () => {
    const a = takeOffsets(varyingPoisson(ramp, 5));
    expect(takeOffsets(varyingPoisson(ramp, 5))).toEqual(a);
    expect(takeOffsets(varyingPoisson(ramp, 6)).slice(0, 20)).not.toEqual(a.slice(0, 20));
  });

  it.each([
    [[], 'at least one phase'],
    [[{ kind: 'constant', rate: -1, durationMs: 1000 }], 'rates must be finite and >= 0'],
    [[{ kind: 'constant', rate: 10, durationMs: 0 }], 'duration must be > 0'],
    [[{ kind: 'sine', mean: 10, amplitude: 20, periodMs: 1000, durationMs: 1000 }], 'rates must be finite'],
    [[{ kind: 'spike', base: 1, peak: 5, atMs: 0, spikeMs: 0, durationMs: 1000 }], 'a length > 0'],
  ] as const)('refuses %j: %s', (phases, message) => {
    expect(() => rateProfile(phases)).toThrow(InvalidLoadOptionsError);
    expect(() => rateProfile(phases)).toThrow(message);
  });
});
