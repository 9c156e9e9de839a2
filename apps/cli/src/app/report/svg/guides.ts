import { escapeMarkup } from '../escape-markup';
import { guideColor } from './palette';
import { PlotArea } from './plot-area';
import { svgNumber } from './svg-number';

const n = svgNumber;
/** A white outline keeps a label legible where it crosses a series. */
const halo = 'stroke="#ffffff" stroke-width="3" paint-order="stroke"';

/** A dashed vertical line at an event; labels step down a little so neighbours do not overprint. */
export function markerLine(plot: PlotArea, x: number, label: string, index: number): string {
  const labelY = plot.top + 12 + (index % 3) * 14;
  return (
    `<g class="marker" fill="${guideColor}">` +
    `<line x1="${n(x)}" y1="${n(plot.top)}" x2="${n(x)}" y2="${n(plot.bottom)}" stroke="${guideColor}" stroke-dasharray="5 4"/>` +
    `<text x="${n(x + 4)}" y="${n(labelY)}" ${halo}>${escapeMarkup(label)}</text></g>`
  );
}

export function thresholdLine(plot: PlotArea, y: number, label: string): string {
  return (
    `<g class="threshold" fill="${guideColor}">` +
    `<line x1="${n(plot.left)}" y1="${n(y)}" x2="${n(plot.right)}" y2="${n(y)}" stroke="${guideColor}" stroke-dasharray="5 4"/>` +
    `<text x="${n(plot.right - 4)}" y="${n(y - 5)}" text-anchor="end" ${halo}>${escapeMarkup(label)}</text></g>`
  );
}
