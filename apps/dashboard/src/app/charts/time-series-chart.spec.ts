import { tickStep } from './time-series-chart';

describe('tickStep', () => {
  it('picks the smallest round step that keeps the axis to six ticks', () => {
    const minutes = (n: number) => n * 60_000;
    expect(tickStep(minutes(15))).toBe(minutes(3));
    expect(tickStep(minutes(60))).toBe(minutes(10));
    expect(tickStep(minutes(6 * 60))).toBe(minutes(60));
    expect(tickStep(minutes(24 * 60))).toBe(minutes(240));
    expect(tickStep(minutes(7 * 24 * 60))).toBe(minutes(1440));
    expect(tickStep(0)).toBeUndefined();
  });
});
