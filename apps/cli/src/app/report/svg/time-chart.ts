import { Series, TimeChart } from '../report-document';
import { bottomAxis, gridLines, sideAxis, ticksOf } from './axes';
import { chartFigure, noDataText, seriesList } from './chart-figure';
import { markerLine, thresholdLine } from './guides';
import { legend } from './legend';
import { linePath } from './line-path';
import { seriesStyle } from './palette';
import { chartLayout, chartWidth } from './plot-area';
import { linearScale, logScale, PixelRange, Scale } from './scale';
import { seriesPath } from './series-path';

const legendInset = 24;

export function timeChart(chart: TimeChart): string {
  const onRight = (series: Series): boolean => series.axis === 'right';
  const rightLog = chart.rightScale === 'log';
  const hasRight = chart.series.some(onRight);
  const hasLeft = !hasRight || chart.series.some((series) => !onRight(series));
  const drawn = chart.series.map((series, index) => ({
    series,
    style: seriesStyle(index),
    values: drawableValues(series, onRight(series) && rightLog),
  }));
  const key = legend(
    drawn.map(({ series, style, values }) => ({
      name: series.name,
      style,
      swatch: 'line' as const,
      note: values.length === 0 ? 'no data' : onRight(series) && hasLeft ? 'right axis' : undefined,
    })),
    legendInset,
    chartWidth - 2 * legendInset,
  );
  const { plot, height, legendTop } = chartLayout(key.height, { left: hasLeft, right: hasRight });
  const description = `Time chart "${chart.title}": ${seriesList(chart.series.map((series) => series.name))}`;
  const figure = (body: string): string =>
    chartFigure({ kind: 'time', title: chart.title, description, height, body: body + key.svg(legendTop) });
  if (drawn.every(({ values }) => values.length === 0)) return figure(noDataText(plot));

  const threshold = chart.threshold;
  const thresholdOnRight = hasRight && (threshold?.axis ?? 'right') === 'right';
  const valuesOn = (right: boolean): number[] => [
    ...drawn.filter(({ series }) => onRight(series) === right).flatMap(({ values }) => values),
    ...(threshold && thresholdOnRight === right ? [threshold.y] : []),
  ];
  const yRange: PixelRange = [plot.bottom, plot.top];
  const left = linearScale(valuesOn(false), yRange, { includeZero: true });
  const right = rightLog
    ? logScale(valuesOn(true), yRange)
    : linearScale(valuesOn(true), yRange, { includeZero: true });
  const xs = chart.series.flatMap((series) => series.points.map(([x]) => x));
  const x = linearScale([...xs, ...(chart.markers ?? []).map((marker) => marker.x)], [plot.left, plot.right]);

  const paths = drawn
    .filter(({ values }) => values.length > 0)
    .map(({ series, style }) =>
      seriesPath(series.name, seriesD(series, x, onRight(series) ? right : left), style),
    );
  const markers = (chart.markers ?? []).flatMap((marker, index) => {
    const pixel = x.pixel(marker.x);
    return pixel === null ? [] : [markerLine(plot, pixel, marker.label, index)];
  });
  const thresholdPixel = threshold ? (thresholdOnRight ? right : left).pixel(threshold.y) : null;
  return figure(
    [
      gridLines(plot, ticksOf(hasLeft ? left : right)),
      bottomAxis(plot, ticksOf(x), chart.xLabel),
      hasLeft ? sideAxis(plot, 'left', ticksOf(left), chart.leftLabel) : '',
      hasRight ? sideAxis(plot, 'right', ticksOf(right), chart.rightLabel ?? '') : '',
      threshold && thresholdPixel !== null ? thresholdLine(plot, thresholdPixel, threshold.label) : '',
      ...markers,
      ...paths,
    ].join(''),
  );
}

/** The y values that can be drawn: measured, finite, and positive when the axis is logarithmic. */
function drawableValues(series: Series, log: boolean): number[] {
  return series.points.flatMap(([x, y]) =>
    y !== null && Number.isFinite(x) && Number.isFinite(y) && (!log || y > 0) ? [y] : [],
  );
}

function seriesD(series: Series, x: Scale, y: Scale): string {
  const points = [...series.points].sort((a, b) => a[0] - b[0]);
  return linePath(
    points.map(([px, py]) => {
      const left = x.pixel(px);
      const top = py === null ? null : y.pixel(py);
      return left === null || top === null ? null : ([left, top] as const);
    }),
    series.step,
  );
}
