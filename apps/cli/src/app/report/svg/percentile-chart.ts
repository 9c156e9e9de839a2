import { PercentileChart } from '../report-document';
import { bottomAxis, gridLines, sideAxis, ticksOf } from './axes';
import { chartFigure, noDataText, seriesList } from './chart-figure';
import { legend } from './legend';
import { linePath } from './line-path';
import { seriesStyle } from './palette';
import { percentileAxis } from './percentile-axis';
import { chartLayout, chartWidth } from './plot-area';
import { linearScale, logScale, PixelRange } from './scale';
import { seriesPath } from './series-path';

/** Past this spread a linear axis squashes the body of the distribution into the bottom pixels. */
const logSpread = 50;
const legendInset = 24;

export function percentileChart(chart: PercentileChart): string {
  const measured = chart.series.map((series) =>
    series.points
      .filter(({ percentile, ms }) => percentile >= 0 && percentile <= 100 && Number.isFinite(ms))
      .sort((a, b) => a.percentile - b.percentile),
  );
  const positive = measured.flat().flatMap(({ ms }) => (ms > 0 ? [ms] : []));
  const log = positive.length > 0 && Math.max(...positive) / Math.min(...positive) > logSpread;
  const drawable = measured.map((points) => (log ? points.filter(({ ms }) => ms > 0) : points));
  const styles = chart.series.map((_, index) => seriesStyle(index));
  const key = legend(
    chart.series.map((series, index) => ({
      name: series.name,
      style: styles[index],
      swatch: 'line' as const,
      note: drawable[index].length === 0 ? 'no data' : undefined,
    })),
    legendInset,
    chartWidth - 2 * legendInset,
  );
  const { plot, height, legendTop } = chartLayout(key.height, { left: true, right: false });
  const description = `Latency by percentile "${chart.title}": ${seriesList(chart.series.map((series) => series.name))}`;
  const figure = (body: string): string =>
    chartFigure({
      kind: 'percentiles',
      title: chart.title,
      description,
      height,
      body: body + key.svg(legendTop),
    });
  if (drawable.every((points) => points.length === 0)) return figure(noDataText(plot));

  const yRange: PixelRange = [plot.bottom, plot.top];
  const allMs = drawable.flat().map(({ ms }) => ms);
  const y = log ? logScale(allMs, yRange) : linearScale(allMs, yRange, { includeZero: true });
  const x = percentileAxis(
    drawable.flat().map(({ percentile }) => percentile),
    [plot.left, plot.right],
  );
  const paths = chart.series.flatMap((series, index) => {
    if (drawable[index].length === 0) return [];
    const d = linePath(
      drawable[index].map(({ percentile, ms }) => {
        const top = y.pixel(ms);
        return top === null ? null : ([x.pixel(percentile), top] as const);
      }),
    );
    return [seriesPath(series.name, d, styles[index])];
  });
  const yTicks = ticksOf(y);
  return figure(
    [
      gridLines(plot, yTicks),
      bottomAxis(plot, x.ticks, 'percentile'),
      sideAxis(plot, 'left', yTicks, log ? 'latency (ms, log scale)' : 'latency (ms)'),
      ...paths,
    ].join(''),
  );
}
