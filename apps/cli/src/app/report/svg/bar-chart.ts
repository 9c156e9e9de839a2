import { escapeMarkup } from '../escape-markup';
import { formatNumber } from '../format-number';
import { BarChart } from '../report-document';
import { AxisTick, bottomAxis, gridLines, sideAxis, ticksOf } from './axes';
import { chartFigure, noDataText, seriesList } from './chart-figure';
import { legend } from './legend';
import { inkColor, seriesStyle } from './palette';
import { chartLayout, chartWidth, PlotArea } from './plot-area';
import { linearScale, Scale } from './scale';
import { svgNumber as n } from './svg-number';

const legendInset = 24;
const groupPadding = 0.2;
/** Below this a value printed over its bar would overlap the next one. */
const labelledBarWidth = 30;
const glyphWidth = 7;

export function barChart(chart: BarChart): string {
  const names = [...new Set(chart.groups.flatMap((group) => group.bars.map((bar) => bar.name)))];
  const styleOf = (name: string) => seriesStyle(names.indexOf(name));
  const key = legend(
    names.map((name) => ({ name, style: styleOf(name), swatch: 'box' as const })),
    legendInset,
    chartWidth - 2 * legendInset,
  );
  const { plot, height, legendTop } = chartLayout(key.height, { left: true, right: false });
  const description = `Bar chart "${chart.title}" in ${chart.unit}: ${seriesList(names)}`;
  const figure = (body: string): string =>
    chartFigure({ kind: 'bars', title: chart.title, description, height, body: body + key.svg(legendTop) });
  const values = chart.groups.flatMap((group) => group.bars.map((bar) => bar.value));
  if (!values.some((value) => Number.isFinite(value))) return figure(noDataText(plot));

  const y = linearScale(values, [plot.bottom, plot.top], { includeZero: true });
  const groupWidth = (plot.right - plot.left) / chart.groups.length;
  const rects: string[] = [];
  const groupTicks: AxisTick[] = chart.groups.map((group, groupIndex) => {
    const start = plot.left + groupIndex * groupWidth + (groupWidth * groupPadding) / 2;
    const barWidth = (groupWidth * (1 - groupPadding)) / Math.max(1, group.bars.length);
    group.bars.forEach((bar, barIndex) => {
      const slot = { x: start + barIndex * barWidth, width: barWidth, color: styleOf(bar.name).color };
      rects.push(barRect(y, { ...bar, ...slot, group: group.label }, chart.unit));
    });
    return { pixel: plot.left + (groupIndex + 0.5) * groupWidth, label: fitted(group.label, groupWidth) };
  });
  const yTicks = ticksOf(y);
  return figure(
    [
      gridLines(plot, yTicks),
      sideAxis(plot, 'left', yTicks, chart.unit),
      `<g class="bars">${rects.join('')}</g>`,
      zeroLine(plot, y),
      bottomAxis(plot, groupTicks, ''),
    ].join(''),
  );
}

interface PlacedBar {
  group: string;
  name: string;
  value: number;
  x: number;
  width: number;
  color: string;
}

function barRect(y: Scale, bar: PlacedBar, unit: string): string {
  const top = y.pixel(bar.value);
  const zero = y.pixel(0);
  if (top === null || zero === null) return '';
  const { x, width } = bar;
  const title = `<title>${escapeMarkup(`${bar.group} · ${bar.name}: ${formatNumber(bar.value)} ${unit}`)}</title>`;
  const rect =
    `<rect class="bar" data-series="${escapeMarkup(bar.name)}" x="${n(x + 1)}" y="${n(Math.min(top, zero))}" ` +
    `width="${n(Math.max(0, width - 2))}" height="${n(Math.abs(zero - top))}" fill="${bar.color}">${title}</rect>`;
  const label =
    width >= labelledBarWidth
      ? `<text class="bar-value" x="${n(x + width / 2)}" y="${n(Math.min(top, zero) - 4)}" text-anchor="middle" fill="${inkColor}" font-size="10">${escapeMarkup(formatNumber(bar.value))}</text>`
      : '';
  return rect + label;
}

function zeroLine(plot: PlotArea, y: Scale): string {
  const zero = y.pixel(0);
  if (zero === null || zero === plot.bottom) return '';
  return `<line class="zero" x1="${n(plot.left)}" y1="${n(zero)}" x2="${n(plot.right)}" y2="${n(zero)}" stroke="${inkColor}"/>`;
}

/** Group labels have the width of their group; a longer one is cut with an ellipsis rather than overprinting. */
function fitted(label: string, width: number): string {
  const room = Math.max(3, Math.floor(width / glyphWidth));
  return label.length <= room ? label : `${label.slice(0, room - 1)}…`;
}
