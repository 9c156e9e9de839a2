/**
 * Okabe & Ito's colour-blind-safe palette, ordered so the first colours read best on white; yellow is last
 * because it is faint on a light background. Past eight series the colours repeat with a dash pattern.
 */
const okabeIto = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'];
const dashes = [undefined, '6 3', '2 3'];

export interface SeriesStyle {
  color: string;
  dash?: string;
}

export function seriesStyle(index: number): SeriesStyle {
  const color = okabeIto[index % okabeIto.length];
  const dash = dashes[Math.floor(index / okabeIto.length) % dashes.length];
  return dash ? { color, dash } : { color };
}

export const inkColor = '#333333';
export const gridColor = '#e4e4e4';
export const guideColor = '#666666';
