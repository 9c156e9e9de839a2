import { svgNumber } from './svg-number';

/** A point in pixels, or null where the line breaks (nothing measured, or not drawable on the scale). */
export type PixelPoint = readonly [x: number, y: number] | null;

/**
 * The `d` of a line through the points: each unbroken run is its own subpath (a new M), a lone point a dot
 * (a zero-length segment that round caps draw). Steps hold each value until the next point's x.
 */
export function linePath(points: readonly PixelPoint[], step = false): string {
  return runs(points)
    .map((run) => {
      const [first, ...rest] = run;
      const start = `M${svgNumber(first[0])},${svgNumber(first[1])}`;
      if (rest.length === 0) return `${start}h0`;
      const segments = rest.map(([x, y]) =>
        step ? `H${svgNumber(x)}V${svgNumber(y)}` : `L${svgNumber(x)},${svgNumber(y)}`,
      );
      return start + segments.join('');
    })
    .join('');
}

function runs(points: readonly PixelPoint[]): (readonly [number, number])[][] {
  const result: (readonly [number, number])[][] = [];
  let current: (readonly [number, number])[] = [];
  for (const point of points) {
    if (point) {
      current.push(point);
    } else if (current.length) {
      result.push(current);
      current = [];
    }
  }
  if (current.length) result.push(current);
  return result;
}
