import { parseChartFigure, moveCount, seriesPaths } from '../testing/parse-html';
import { timeChartOf } from '../testing/time-chart-of';
import { timeChart } from './time-chart';

describe('timeChart', () => {
  const chart = timeChartOf({
    rightLabel: 'p99 ms',
    series: [
      {
        name: 'load',
        points: [
          [0, 100],
          [1, 120],
          [2, null],
          [3, 400],
        ],
      },
      {
        name: 'nodes',
        step: true,
        points: [
          [0, 1],
          [2, 2],
          [4, 3],
        ],
      },
      {
        name: 'p99',
        axis: 'right',
        points: [
          [0, 5],
          [4, 20],
        ],
      },
    ],
    markers: [{ x: 2, label: 'spike starts' }],
    threshold: { y: 15, label: 'SLO 15 ms' },
  });
  const figure = parseChartFigure(timeChart(chart));

  it('is a figure of its kind, captioned with its title, with an accessible svg', () => {
    expect(figure.dataset['chartKind']).toBe('time');
    expect(figure.querySelector('figcaption')?.textContent).toBe('Load');
    const svg = figure.querySelector('svg');
    expect(svg?.getAttribute('role')).toBe('img');
    expect(svg?.getAttribute('aria-label')).toContain('load, nodes, p99');
    expect(svg?.getAttribute('viewBox')).toMatch(/^0 0 800 \d+$/);
  });

  it('draws one path per series, each with a d', () => {
    const paths = seriesPaths(figure);
    expect(paths.map((path) => path.dataset['series'])).toEqual(['load', 'nodes', 'p99']);
    for (const path of paths) expect(path.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+/);
  });

  it('breaks the line at a null instead of drawing it as zero', () => {
    expect(moveCount(seriesPaths(figure)[0].getAttribute('d') ?? '')).toBe(2);
  });

  it('draws a step series with horizontal and vertical moves only', () => {
    expect(seriesPaths(figure)[1].getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+(H[\d.]+V[\d.]+){2}$/);
  });

  it('names every series in the legend and says which are on the right axis', () => {
    const items = [...figure.querySelectorAll('.legend-item')].map((item) => item.textContent);
    expect(items).toEqual(['load', 'nodes', 'p99 (right axis)']);
  });

  it('has a right axis labelled with its unit', () => {
    expect(figure.querySelector('.axis-right .axis-label')?.textContent).toBe('p99 ms');
    expect(figure.querySelector('.axis-left .axis-label')?.textContent).toBe('req/s');
    expect(figure.querySelector('.axis-x .axis-label')?.textContent).toBe('s since start');
  });

  it('shows the markers and the threshold as labelled dashed lines', () => {
    expect(figure.querySelector('.marker line')?.getAttribute('stroke-dasharray')).toMatch(/\d/);
    expect(figure.querySelector('.marker text')?.textContent).toBe('spike starts');
    expect(figure.querySelector('.threshold line')?.getAttribute('stroke-dasharray')).toMatch(/\d/);
    expect(figure.querySelector('.threshold text')?.textContent).toBe('SLO 15 ms');
  });

  it('puts the threshold on the right axis by default', () => {
    const right = [...figure.querySelectorAll('.axis-right text')].map((text) => text.textContent);
    expect(right).toContain('15');
  });

  it('labels the ticks with readable numbers', () => {
    const left = [...figure.querySelectorAll('.axis-left text:not(.axis-label)')].map(
      (text) => text.textContent,
    );
    expect(left).toEqual(['0', '100', '200', '300', '400']);
  });

  it('drops values that are not positive on a log right axis', () => {
    const chart = timeChartOf({
      rightScale: 'log',
      series: [
        {
          name: 'p99',
          axis: 'right',
          points: [
            [0, 5],
            [1, 10],
            [2, 0],
            [3, -1],
            [4, 40],
            [5, 50],
          ],
        },
      ],
    });
    const d = seriesPaths(parseChartFigure(timeChart(chart)))[0].getAttribute('d') ?? '';
    expect(moveCount(d)).toBe(2);
    expect((d.match(/L/g) ?? []).length).toBe(2);
  });

  it.each([
    ['no series', []],
    ['an empty series', [{ name: 'load', points: [] }]],
    [
      'an all-null series',
      [
        {
          name: 'load',
          points: [
            [0, null],
            [1, null],
          ] as [number, null][],
        },
      ],
    ],
  ])('says "no data" for a time chart with %s', (_case, series) => {
    const figure = parseChartFigure(timeChart(timeChartOf({ series })));
    expect(figure.querySelector('text.no-data')?.textContent).toBe('no data');
    expect(seriesPaths(figure)).toHaveLength(0);
  });

  it('draws the series that have data and marks the empty one in the legend', () => {
    const figure = parseChartFigure(
      timeChart(
        timeChartOf({
          series: [
            { name: 'load', points: [[0, 1]] },
            { name: 'idle', points: [] },
          ],
        }),
      ),
    );
    expect(seriesPaths(figure).map((path) => path.dataset['series'])).toEqual(['load']);
    expect(figure.querySelector('[data-series="idle"]')?.textContent).toBe('idle (no data)');
    expect(figure.querySelector('text.no-data')).toBeNull();
  });
});
