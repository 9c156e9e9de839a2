import { percentileAxis } from './percentile-axis';

describe('percentileAxis', () => {
  it('gives every extra nine the same room', () => {
    const axis = percentileAxis([50, 90, 99, 99.9, 99.99], [0, 400]);
    expect(axis.pixel(90)).toBeCloseTo(100);
    expect(axis.pixel(99)).toBeCloseTo(200);
    expect(axis.pixel(99.9)).toBeCloseTo(300);
    expect(axis.pixel(99.99)).toBeCloseTo(400);
    expect(axis.pixel(50)).toBeCloseTo(30.1, 1);
  });

  it('labels the ticks as percentiles', () => {
    const axis = percentileAxis([50, 99.99], [0, 400]);
    expect(axis.ticks.map((tick) => tick.label)).toEqual(['p0', 'p50', 'p90', 'p99', 'p99.9', 'p99.99']);
  });

  it('puts the maximum (p100) one step past the last nine', () => {
    const axis = percentileAxis([50, 99, 100], [0, 300]);
    expect(axis.ticks.map((tick) => tick.label)).toEqual(['p0', 'p50', 'p90', 'p99', 'max']);
    expect(axis.pixel(100)).toBe(300);
    expect(axis.pixel(99)).toBeCloseTo(200);
  });
});
