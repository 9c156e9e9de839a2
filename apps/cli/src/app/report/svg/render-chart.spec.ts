import { BarChart, PercentileChart } from '../report-document';
import { parseChartFigure } from '../testing/parse-html';
import { timeChartOf } from '../testing/time-chart-of';
import { renderChart } from './render-chart';

describe('renderChart', () => {
  it.each([
    ['a single point', timeChartOf({ series: [{ name: 'a', points: [[3, 7]] }] })],
    [
      'a constant series',
      timeChartOf({
        series: [
          {
            name: 'a',
            points: [
              [0, 0],
              [0, 0],
            ],
          },
        ],
      }),
    ],
    [
      'non-finite values',
      timeChartOf({
        series: [
          {
            name: 'a',
            points: [
              [Number.NaN, 1],
              [1, Number.POSITIVE_INFINITY],
              [2, 3],
            ],
          },
        ],
      }),
    ],
    [
      'a log axis with nothing positive',
      timeChartOf({ rightScale: 'log', series: [{ name: 'a', axis: 'right', points: [[0, 0]] }] }),
    ],
    [
      'a bar of NaN',
      {
        kind: 'bars',
        title: 'b',
        unit: '%',
        groups: [{ label: 'g', bars: [{ name: 'x', value: Number.NaN }] }],
      } as BarChart,
    ],
    [
      'negative bars',
      {
        kind: 'bars',
        title: 'b',
        unit: '%',
        groups: [{ label: 'g', bars: [{ name: 'x', value: -4 }] }],
      } as BarChart,
    ],
    [
      'a percentile of 100 only',
      {
        kind: 'percentiles',
        title: 'p',
        series: [{ name: 'a', points: [{ percentile: 100, ms: 5 }] }],
      } as PercentileChart,
    ],
  ])('never writes NaN or undefined, even for %s', (_case, chart) => {
    const html = renderChart(chart);
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
    expect(parseChartFigure(html).querySelector('svg')).not.toBeNull();
  });
});
