export interface Scale {
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
  /** The pixel for a value, or null when it cannot be drawn here (not finite; not positive on a log scale). */
  pixel(value: number): number | null;
}

export type PixelRange = readonly [start: number, end: number];

/** Rounds away the float noise that stepping by 0.1 leaves (0.30000000000000004). */
const clean = (value: number): number => Number(value.toPrecision(12));

/** 1, 2 or 5 times a power of ten, the closest to the raw step. */
function niceStep(rawStep: number): number {
  const exponent = Math.floor(Math.log10(rawStep));
  const power = Number(`1e${exponent}`);
  const fraction = rawStep / power;
  const nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  return nice * power;
}

/** Evenly spaced round values covering min..max, the first at or below min and the last at or above max. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const [low, high] = min === max ? widen(min) : [Math.min(min, max), Math.max(min, max)];
  const step = niceStep((high - low) / count);
  const first = Math.floor(clean(low / step)) * step;
  const last = Math.ceil(clean(high / step)) * step;
  const ticks: number[] = [];
  for (let i = 0; first + i * step <= last + step / 2; i++) ticks.push(clean(first + i * step));
  return ticks;
}

function widen(value: number): [number, number] {
  if (value === 0) return [0, 1];
  const half = Math.abs(value) / 2;
  return [value - half, value + half];
}

function finite(values: readonly number[]): number[] {
  return values.filter((value) => Number.isFinite(value));
}

export function linearScale(
  values: readonly number[],
  range: PixelRange,
  options: { includeZero?: boolean } = {},
): Scale {
  const drawable = finite(values);
  if (options.includeZero || drawable.length === 0) drawable.push(0);
  const ticks = niceTicks(Math.min(...drawable), Math.max(...drawable));
  const domain = [ticks[0], ticks[ticks.length - 1]] as const;
  return {
    domain,
    ticks,
    pixel: (value) => (Number.isFinite(value) ? interpolate(value, domain, range) : null),
  };
}

/** Decades; with few of them, also the 2s and 5s between so the axis still has several labels. */
export function logScale(values: readonly number[], range: PixelRange): Scale {
  const positive = finite(values).filter((value) => value > 0);
  const low = positive.length ? Math.floor(Math.log10(Math.min(...positive))) : 0;
  const highest = positive.length ? Math.ceil(Math.log10(Math.max(...positive))) : 1;
  const high = highest > low ? highest : low + 1;
  const domain = [Number(`1e${low}`), Number(`1e${high}`)] as const;
  return {
    domain,
    ticks: logTicks(low, high),
    pixel: (value) =>
      Number.isFinite(value) && value > 0 ? interpolate(Math.log10(value), [low, high], range) : null,
  };
}

function logTicks(lowExponent: number, highExponent: number): number[] {
  const multiples = highExponent - lowExponent <= 3 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let exponent = lowExponent; exponent <= highExponent; exponent++) {
    for (const multiple of multiples) {
      if (exponent === highExponent && multiple > 1) break;
      ticks.push(clean(multiple * Number(`1e${exponent}`)));
    }
  }
  return ticks;
}

export function interpolate(value: number, domain: readonly [number, number], range: PixelRange): number {
  const [from, to] = domain;
  const share = to === from ? 0.5 : (value - from) / (to - from);
  return range[0] + share * (range[1] - range[0]);
}
