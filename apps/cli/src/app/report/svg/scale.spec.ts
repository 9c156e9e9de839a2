import { linearScale, logScale, niceTicks } from './scale';

describe('niceTicks', () => {
  it.each([
    [0, 1234, [0, 200, 400, 600, 800, 1000, 1200, 1400]],
    [0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 0.3, [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]],
    [-37, 42, [-40, -20, 0, 20, 40, 60]],
    [3, 97, [0, 20, 40, 60, 80, 100]],
    [0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [5, 5, [2, 3, 4, 5, 6, 7, 8]],
  ])('covers %p..%p with round steps', (min, max, expected) => {
    expect(niceTicks(min, max)).toEqual(expected);
  });
});

describe('linearScale', () => {
  it('maps the nice domain onto the pixel range, reversed for a y axis', () => {
    const scale = linearScale([3, 97], [300, 0], { includeZero: true });
    expect(scale.domain).toEqual([0, 100]);
    expect(scale.pixel(0)).toBe(300);
    expect(scale.pixel(50)).toBe(150);
    expect(scale.pixel(100)).toBe(0);
  });

  it('has no pixel for a value that is not finite', () => {
    const scale = linearScale([0, 10], [0, 100]);
    expect(scale.pixel(Number.NaN)).toBeNull();
    expect(scale.pixel(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('still has a usable domain when given nothing drawable', () => {
    const scale = linearScale([Number.NaN], [0, 100]);
    expect(scale.domain).toEqual([0, 1]);
    expect(scale.pixel(0.5)).toBe(50);
  });
});

describe('logScale', () => {
  it('spans whole decades and places 10 halfway between 1 and 100', () => {
    const scale = logScale([2, 80], [0, 100]);
    expect(scale.domain).toEqual([1, 100]);
    expect(scale.pixel(10)).toBeCloseTo(50);
  });

  it('drops values that are not positive', () => {
    const scale = logScale([0, -5, 3, 4000], [0, 100]);
    expect(scale.pixel(0)).toBeNull();
    expect(scale.pixel(-5)).toBeNull();
    expect(scale.pixel(3)).not.toBeNull();
    expect(scale.domain).toEqual([1, 10000]);
  });

  it('ticks each decade, with 2s and 5s when there are only a few', () => {
    expect(logScale([1, 4000], [0, 100]).ticks).toEqual([1, 10, 100, 1000, 10000]);
    expect(logScale([0.5, 40], [0, 100]).ticks).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100]);
  });

  it('opens one decade around a single value', () => {
    expect(logScale([10], [0, 100]).domain).toEqual([10, 100]);
  });
});
