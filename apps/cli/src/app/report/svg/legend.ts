import { escapeMarkup } from '../escape-markup';
import { SeriesStyle } from './palette';
import { svgNumber } from './svg-number';

export interface LegendEntry {
  name: string;
  style: SeriesStyle;
  /** Shown after the name, e.g. "right axis" or "no data". */
  note?: string;
  swatch: 'line' | 'box';
}

export interface Legend {
  height: number;
  svg(top: number): string;
}

const rowHeight = 18;
const swatchWidth = 22;
const itemGap = 18;
/** No font metrics in Node: an average glyph of the 12 px system sans is about 7 px wide. */
const glyphWidth = 7;

/** Entries left to right, wrapping onto more rows when they do not fit the width. */
export function legend(entries: readonly LegendEntry[], left: number, width: number): Legend {
  const placed: { entry: LegendEntry; label: string; x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const entry of entries) {
    const label = entry.note ? `${entry.name} (${entry.note})` : entry.name;
    const itemWidth = swatchWidth + 6 + label.length * glyphWidth;
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      row++;
    }
    placed.push({ entry, label, x: left + x, row });
    x += itemWidth + itemGap;
  }
  const rows = placed.length ? row + 1 : 0;
  return {
    height: rows * rowHeight,
    svg: (top) =>
      `<g class="legend">${placed.map((item) => legendItem(item.entry, item.label, item.x, top + item.row * rowHeight + rowHeight / 2)).join('')}</g>`,
  };
}

function legendItem(entry: LegendEntry, label: string, x: number, middle: number): string {
  const { color, dash } = entry.style;
  const swatch =
    entry.swatch === 'line'
      ? `<line x1="${svgNumber(x)}" y1="${svgNumber(middle)}" x2="${svgNumber(x + swatchWidth)}" y2="${svgNumber(middle)}" stroke="${color}" stroke-width="3"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`
      : `<rect x="${svgNumber(x + 5)}" y="${svgNumber(middle - 6)}" width="12" height="12" fill="${color}"/>`;
  const text = `<text x="${svgNumber(x + swatchWidth + 6)}" y="${svgNumber(middle)}" dy="0.35em">${escapeMarkup(label)}</text>`;
  return `<g class="legend-item" data-series="${escapeMarkup(entry.name)}">${swatch}${text}</g>`;
}
