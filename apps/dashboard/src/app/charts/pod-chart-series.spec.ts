import { aSample } from '../../testing/fixtures';
import { latestValue } from './chart-series';
import { joinHistoryAndLive, podChartSeries, scalingMarkers } from './pod-chart-series';

const at = (second: number): string => new Date(Date.UTC(2026, 0, 1, 10, 0, second)).toISOString();

describe('pod chart series', () => {
  it('draws throughput, latency, nodes and queue from the samples, a gap where nothing was timed', () => {
    const points = [
      aSample({ pod: 'light', at: at(0), requestRate: 10, latencyP50Ms: null, latencyP99Ms: null }),
      aSample({
        pod: 'light',
        at: at(1),
        requestRate: 40,
        latencyP50Ms: 12,
        latencyP99Ms: 90,
        queue: 4,
        nodes: { ready: 2, total: 3 },
        desiredNodes: 3,
      }),
    ];
    const charts = podChartSeries(points, [], 0.3);

    expect(charts.throughput[0].points).toEqual([
      { x: Date.parse(at(0)), y: 10 },
      { x: Date.parse(at(1)), y: 40 },
    ]);
    expect(charts.latency.map((line) => line.points.map((point) => point.y))).toEqual([
      [null, 12],
      [null, 90],
    ]);
    expect(charts.nodes.map((line) => [line.label, latestValue(line)])).toEqual([
      ['ready', 2],
      ['all', 3],
      ['wanted', 3],
    ]);
    expect(charts.nodes[2].dashed).toBe(true);
    expect(latestValue(charts.queue[0])).toBe(4);
  });

  it('draws one CPU line per node and the cap across the span', () => {
    const points = [aSample({ pod: 'light', at: at(0) }), aSample({ pod: 'light', at: at(5) })];
    const charts = podChartSeries(
      points,
      [
        { node: 'n1', points: [{ at: at(0), cpuPercent: 25 }] },
        { node: 'n2', points: [{ at: at(0), cpuPercent: null }] },
      ],
      0.3,
    );

    expect(charts.cpu.map((line) => line.label)).toEqual(['n1', 'n2', 'cap']);
    expect(charts.cpu[2].points).toEqual([
      { x: Date.parse(at(0)), y: 30 },
      { x: Date.parse(at(5)), y: 30 },
    ]);
  });

  it('follows the history with the live samples newer than its last point only', () => {
    const history = [aSample({ pod: 'light', at: at(0) }), aSample({ pod: 'light', at: at(1) })];
    const live = [at(1), at(2), at(3)].map((when) => aSample({ pod: 'light', at: when }));

    expect(joinHistoryAndLive(history, live).map((point) => point.at)).toEqual([at(0), at(1), at(2), at(3)]);
    expect(joinHistoryAndLive([], live)).toHaveLength(3);
  });

  it('marks scale-outs and scale-ins, nothing else', () => {
    const event = (id: number, type: string) => ({
      id,
      at: at(id),
      type,
      pod: 'light',
      node: null,
      message: '',
    });
    const markers = scalingMarkers([event(1, 'ScaleOut'), event(2, 'NodeOnline'), event(3, 'ScaleIn')]);

    expect(markers.map((marker) => [marker.x, marker.label])).toEqual([
      [Date.parse(at(1)), '▲ out'],
      [Date.parse(at(3)), '▼ in'],
    ]);
  });
});
