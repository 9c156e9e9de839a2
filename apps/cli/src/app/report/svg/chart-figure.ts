import { escapeMarkup } from '../escape-markup';
import { inkColor } from './palette';
import { chartWidth, PlotArea } from './plot-area';
import { svgNumber } from './svg-number';

export type ChartKind = 'time' | 'percentiles' | 'bars';

export interface ChartDrawing {
  kind: ChartKind;
  title: string;
  /** What a screen reader says instead of the picture. */
  description: string;
  height: number;
  body: string;
}

export function chartFigure(drawing: ChartDrawing): string {
  const title = escapeMarkup(drawing.title);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${chartWidth} ${svgNumber(drawing.height)}" ` +
    `width="100%" role="img" aria-label="${escapeMarkup(drawing.description)}" font-size="12">` +
    `${drawing.body}</svg>`;
  return `<figure class="chart" data-chart-kind="${drawing.kind}"><figcaption>${title}</figcaption>${svg}</figure>`;
}

export function noDataText(plot: PlotArea): string {
  const x = svgNumber((plot.left + plot.right) / 2);
  const y = svgNumber((plot.top + plot.bottom) / 2);
  return `<text class="no-data" x="${x}" y="${y}" text-anchor="middle" fill="${inkColor}" font-size="16">no data</text>`;
}

export function seriesList(names: readonly string[]): string {
  return names.length ? names.join(', ') : 'none';
}
