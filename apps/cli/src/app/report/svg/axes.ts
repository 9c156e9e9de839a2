import { escapeMarkup } from '../escape-markup';
import { formatNumber } from '../format-number';
import { gridColor, inkColor } from './palette';
import { chartWidth, PlotArea } from './plot-area';
import { Scale } from './scale';
import { svgNumber } from './svg-number';

export interface AxisTick {
  pixel: number;
  label: string;
}

export function ticksOf(scale: Scale, label: (value: number) => string = formatNumber): AxisTick[] {
  return scale.ticks.flatMap((value) => {
    const pixel = scale.pixel(value);
    return pixel === null ? [] : [{ pixel, label: label(value) }];
  });
}

const n = svgNumber;
const line = (x1: number, y1: number, x2: number, y2: number, attributes = ''): string =>
  `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}"${attributes}/>`;

export function bottomAxis(plot: PlotArea, ticks: readonly AxisTick[], label: string): string {
  const marks = ticks.map((tick) => line(tick.pixel, plot.bottom, tick.pixel, plot.bottom + 5));
  const labels = ticks.map(
    (tick) =>
      `<text x="${n(tick.pixel)}" y="${n(plot.bottom + 18)}" text-anchor="middle">${escapeMarkup(tick.label)}</text>`,
  );
  const title = label
    ? `<text class="axis-label" x="${n((plot.left + plot.right) / 2)}" y="${n(plot.bottom + 42)}" text-anchor="middle">${escapeMarkup(label)}</text>`
    : '';
  return axis('x', line(plot.left, plot.bottom, plot.right, plot.bottom), marks, [...labels, title]);
}

export function sideAxis(
  plot: PlotArea,
  side: 'left' | 'right',
  ticks: readonly AxisTick[],
  label: string,
): string {
  const x = side === 'left' ? plot.left : plot.right;
  const outward = side === 'left' ? -1 : 1;
  const anchor = side === 'left' ? 'end' : 'start';
  const marks = ticks.map((tick) => line(x, tick.pixel, x + outward * 5, tick.pixel));
  const labels = ticks.map(
    (tick) =>
      `<text x="${n(x + outward * 8)}" y="${n(tick.pixel)}" dy="0.35em" text-anchor="${anchor}">${escapeMarkup(tick.label)}</text>`,
  );
  const titleX = side === 'left' ? 14 : chartWidth - 14;
  const middle = (plot.top + plot.bottom) / 2;
  const title = label
    ? `<text class="axis-label" transform="translate(${n(titleX)} ${n(middle)}) rotate(${outward * 90})" text-anchor="middle">${escapeMarkup(label)}</text>`
    : '';
  return axis(side, line(x, plot.top, x, plot.bottom), marks, [...labels, title]);
}

function axis(name: string, baseline: string, marks: string[], labels: string[]): string {
  return (
    `<g class="axis axis-${name}"><g stroke="${inkColor}">${baseline}${marks.join('')}</g>` +
    `<g fill="${inkColor}">${labels.join('')}</g></g>`
  );
}

export function gridLines(plot: PlotArea, ticks: readonly AxisTick[]): string {
  const lines = ticks.map((tick) => line(plot.left, tick.pixel, plot.right, tick.pixel));
  return `<g class="grid" stroke="${gridColor}">${lines.join('')}</g>`;
}
