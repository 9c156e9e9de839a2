/** A coordinate for an SVG attribute: two decimals at most, never grouped; scales hand only finite values here. */
export function svgNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a drawable coordinate: ${value}`);
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}
