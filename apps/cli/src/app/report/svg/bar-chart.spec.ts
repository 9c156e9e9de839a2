import { BarChart } from '../report-document';
import { parseChartFigure } from '../testing/parse-html';
import { barChart } from './bar-chart';

describe('barChart', () => {
  const chart: BarChart = {
    kind: 'bars',
    title: 'Share per node',
    unit: '% of requests',
    groups: [
      {
        label: 'roundrobin',
        bars: [
          { name: 'node-1', value: 50 },
          { name: 'node-2', value: 50 },
        ],
      },
      {
        label: 'leastconn',
        bars: [
          { name: 'node-1', value: 30 },
          { name: 'node-2', value: 45 },
          { name: 'node-3', value: 25 },
        ],
      },
    ],
  };
  const figure = parseChartFigure(barChart(chart));

  it('draws one rect per bar, coloured by its name', () => {
    const bars = [...figure.querySelectorAll('rect.bar')];
    expect(bars.map((bar) => bar.getAttribute('data-series'))).toEqual([
      'node-1',
      'node-2',
      'node-1',
      'node-2',
      'node-3',
    ]);
    expect(bars[0].getAttribute('fill')).toBe(bars[2].getAttribute('fill'));
    expect(bars[0].getAttribute('fill')).not.toBe(bars[1].getAttribute('fill'));
  });

  it('makes bar heights proportional to the values', () => {
    const height = (index: number) =>
      Number(figure.querySelectorAll('rect.bar')[index].getAttribute('height'));
    expect(height(0)).toBeGreaterThan(0);
    expect(height(0) / height(2)).toBeCloseTo(50 / 30, 1);
  });

  it('names each bar once in the legend and the groups under the axis', () => {
    const legend = [...figure.querySelectorAll('.legend-item')].map((item) => item.textContent);
    expect(legend).toEqual(['node-1', 'node-2', 'node-3']);
    const groups = [...figure.querySelectorAll('.axis-x text')].map((text) => text.textContent);
    expect(groups).toEqual(['roundrobin', 'leastconn']);
    expect(figure.querySelector('.axis-left .axis-label')?.textContent).toBe('% of requests');
  });

  it('says "no data" without bars', () => {
    const empty: BarChart = { ...chart, groups: [] };
    expect(parseChartFigure(barChart(empty)).querySelector('text.no-data')).not.toBeNull();
  });
});
