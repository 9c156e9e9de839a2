import { InvalidLoadOptionsError } from '../errors/invalid-load-options.error';
import { takeOffsets } from './arrival-schedule';
import { constant, poisson, steps } from './schedules';

const gaps = (offsets: number[]) => offsets.slice(1).map((at, i) => at - offsets[i]);
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

describe('constant', () => {
  it('spaces arrivals exactly 1000 / rate ms apart, starting at 0', () => {
    expect(takeOffsets(constant(200), { maxCount: 4 })).toEqual([0, 5, 10, 15]);
  });

  it('schedules exactly rate × duration arrivals, with no drift over a long run', () => {
    const offsets = takeOffsets(constant(3), { durationMs: 3_600_000 });
    expect(offsets).toHaveLength(10_800);
    expect(offsets[10_799]).toBeCloseTo((10_799 * 1000) / 3, 9);
  });

  it('schedules nothing at rate 0', () => {
    expect(takeOffsets(constant(0), { durationMs: 10_000 })).toEqual([]);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects rate %p', (rate) => {
    expect(() => constant(rate)).toThrow(InvalidLoadOptionsError);
  });
});

describe('poisson', () => {
  const sample = takeOffsets(poisson(100, 42), { maxCount: 10_000 });

  it.each([1, 2, 42, 1234, 99_991])(
    'has a mean inter-arrival within 3 %% of 1000 / rate over 10k samples (seed %p)',
    (seed) => {
      const gapMean = mean(gaps([0, ...takeOffsets(poisson(100, seed), { maxCount: 10_000 })]));
      expect(gapMean).toBeGreaterThan(10 * 0.97);
      expect(gapMean).toBeLessThan(10 * 1.03);
    },
  );

  it('has exponential gaps: standard deviation close to the mean, a third of gaps over the mean', () => {
    const g = gaps([0, ...sample]);
    const m = mean(g);
    const sd = Math.sqrt(mean(g.map((x) => (x - m) ** 2)));
    expect(sd / m).toBeGreaterThan(0.93);
    expect(sd / m).toBeLessThan(1.07);
    // P(gap > mean) = e^-1 ≈ 0.368 for an exponential distribution.
    expect(g.filter((x) => x > m).length / g.length).toBeCloseTo(Math.exp(-1), 1);
  });

  it('replays the same times for the same seed and differs for another seed', () => {
    expect(takeOffsets(poisson(100, 42), { maxCount: 10_000 })).toEqual(sample);
    expect(takeOffsets(poisson(100, 43), { maxCount: 10 })).not.toEqual(sample.slice(0, 10));
  });

  it('is strictly increasing', () => {
    expect(gaps(sample).every((g) => g > 0)).toBe(true);
  });
});

describe('steps', () => {
  const lowHighLow = steps([
    { rate: 10, durationMs: 1000 },
    { rate: 100, durationMs: 500 },
    { rate: 10, durationMs: 1000 },
  ]);

  it('plays phases back to back and ends by itself', () => {
    const offsets = takeOffsets(lowHighLow);
    expect(lowHighLow.durationMs).toBe(2500);
    expect(offsets).toHaveLength(10 + 50 + 10);
    expect(offsets.slice(8, 12)).toEqual([800, 900, 1000, 1010]);
    expect(offsets[60]).toBe(1500);
    expect(offsets.at(-1)).toBe(2400);
  });

  it('builds each phase with the given arrivals, so Poisson phases get distinct seeds', () => {
    const mixed = steps(
      [
        { rate: 1000, durationMs: 1000 },
        { rate: 1000, durationMs: 1000 },
      ],
      (rate, index) => poisson(rate, 7 + index),
    );
    const offsets = takeOffsets(mixed);
    const first = offsets.filter((at) => at < 1000);
    const second = offsets.filter((at) => at >= 1000).map((at) => at - 1000);
    expect(first.length).toBeGreaterThan(900);
    expect(second.slice(0, 5)).not.toEqual(first.slice(0, 5));
    expect(takeOffsets(mixed)).toEqual(offsets);
  });

  it('rejects an empty list and non-positive durations', () => {
    expect(() => steps([])).toThrow(InvalidLoadOptionsError);
    expect(() => steps([{ rate: 1, durationMs: 0 }])).toThrow(InvalidLoadOptionsError);
  });
});

describe('takeOffsets', () => {
  it('refuses an endless schedule without bounds', () => {
    expect(() => takeOffsets(constant(10))).toThrow(InvalidLoadOptionsError);
  });

  it('stops at whichever bound comes first', () => {
    expect(takeOffsets(constant(10), { durationMs: 1000, maxCount: 3 })).toEqual([0, 100, 200]);
    expect(takeOffsets(constant(10), { durationMs: 250, maxCount: 30 })).toEqual([0, 100, 200]);
  });
});
