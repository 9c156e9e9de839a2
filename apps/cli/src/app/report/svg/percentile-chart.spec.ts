import { PercentileChart } from '../report-document';
import { parseChartFigure, seriesPaths } from '../testing/parse-html';
import { percentileChart } from './percentile-chart';

describe('percentileChart', () => {
  const chart: PercentileChart = {
    kind: 'percentiles',
    title: 'Latency by percentile',
    series: [
      {
        name: 'roundrobin',
        points: [
          { percentile: 50, ms: 2 },
          { percentile: 99, ms: 40 },
          { percentile: 99.9, ms: 300 },
        ],
      },
      {
        name: 'leastconn',
        points: [
          { percentile: 50, ms: 3 },
          { percentile: 99.9, ms: 90 },
        ],
      },
    ],
  };
  const figure = parseChartFigure(percentileChart(chart));

  it('draws one path per variant', () => {
    expect(figure.dataset['chartKind']).toBe('percentiles');
    const paths = seriesPaths(figure);
    expect(paths.map((path) => path.dataset['series'])).toEqual(['roundrobin', 'leastconn']);
    for (const path of paths) expect(path.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
  });

  it('labels the x axis in percentiles', () => {
    const labels = [...figure.querySelectorAll('.axis-x text')].map((text) => text.textContent);
    expect(labels).toEqual(expect.arrayContaining(['p50', 'p90', 'p99', 'p99.9']));
  });

  it('uses a log y axis when the slowest is more than 50 times the fastest', () => {
    expect(figure.querySelector('.axis-left .axis-label')?.textContent).toBe('latency (ms, log scale)');
  });

  it('uses a linear y axis for a narrow spread', () => {
    const narrow: PercentileChart = {
      ...chart,
      series: [
        {
          name: 'a',
          points: [
            { percentile: 50, ms: 10 },
            { percentile: 99, ms: 30 },
          ],
        },
      ],
    };
    expect(
      parseChartFigure(percentileChart(narrow)).querySelector('.axis-left .axis-label')?.textContent,
    ).toBe('latency (ms)');
  });

  it('leaves out a zero on the log axis', () => {
    const withZero: PercentileChart = {
      ...chart,
      series: [
        {
          name: 'a',
          points: [
            { percentile: 0, ms: 0 },
            { percentile: 50, ms: 1 },
            { percentile: 99, ms: 100 },
          ],
        },
      ],
    };
    const d = seriesPaths(parseChartFigure(percentileChart(withZero)))[0].getAttribute('d') ?? '';
    expect((d.match(/[ML]/g) ?? []).length).toBe(2);
  });

  it('says "no data" without points', () => {
    const empty: PercentileChart = { ...chart, series: [{ name: 'a', points: [] }] };
    expect(parseChartFigure(percentileChart(empty)).querySelector('text.no-data')).not.toBeNull();
  });
});
