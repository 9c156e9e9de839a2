import { AxisTick } from './axes';
import { interpolate, PixelRange } from './scale';

/** -log10(1 - p/100): p90 → 1, p99 → 2, p99.9 → 3, so every extra nine gets the same room. */
const nines = (percentile: number): number => -Math.log10(1 - percentile / 100);

/** log10 of 0.001 is not quite -3 in floating point; without this, p99.9 would open a fourth decade. */
const clean = (value: number): number => Number(value.toPrecision(9));

export interface PercentileAxis {
  pixel(percentile: number): number;
  ticks: AxisTick[];
}

/** p100 (the maximum) is infinitely many nines away, so it is drawn one step past the last decade. */
export function percentileAxis(percentiles: readonly number[], range: PixelRange): PercentileAxis {
  const finiteNines = percentiles.filter((p) => p < 100).map(nines);
  const decades = Math.max(1, Math.ceil(clean(Math.max(0, ...finiteNines))));
  const hasMaximum = percentiles.some((p) => p >= 100);
  const end = decades + (hasMaximum ? 1 : 0);
  const at = (position: number): number => interpolate(position, [0, end], range);
  const ticks: AxisTick[] = [
    { pixel: at(0), label: 'p0' },
    { pixel: at(nines(50)), label: 'p50' },
    ...Array.from({ length: decades }, (_, i) => ({ pixel: at(i + 1), label: ninesLabel(i + 1) })),
    ...(hasMaximum ? [{ pixel: at(end), label: 'max' }] : []),
  ];
  return { pixel: (p) => (p >= 100 ? at(end) : at(Math.min(nines(p), decades))), ticks };
}

/** Written out rather than computed: 100 * (1 - 1e-5) prints as 99.99900000000001. */
function ninesLabel(count: number): string {
  return count === 1 ? 'p90' : `p99${count > 2 ? `.${'9'.repeat(count - 2)}` : ''}`;
}
