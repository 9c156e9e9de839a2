import type { LoadResult } from '@strato/loadgen';
import { renderHtml } from '../../report/render-html';
import { renderText } from '../../report/render-text';
import { lbExperimentDocument } from './lb-experiment-document';
import type { LbExperimentReport, LbRun } from './lb-experiment-report';

const latency = { count: 10, minMs: 1, meanMs: 3, p50Ms: 2, p90Ms: 4, p99Ms: 8, p999Ms: 9, maxMs: 10 };
const result = (sent: number, startedAt: string): LoadResult =>
  ({
    schedule: 'poisson',
    startedAt,
    sent,
    ok: sent,
    intended: sent,
    statusCounts: { 200: sent },
    errorCounts: {},
    intendedRatePerSecond: sent,
    achievedRatePerSecond: sent,
    okThroughputPerSecond: sent,
    latency,
    sendLag: { ...latency, p99Ms: 1 },
    timeline: [{ second: 0, sent, dropped: 0, ok: sent, failed: 0, p50Ms: 2, p99Ms: 8 }],
    dropped: 0,
  }) as unknown as LoadResult;
const run = (algorithm: string, sent: number, counted: number, at: string): LbRun => ({
  algorithm,
  loadFraction: 0.5,
  targetRatePerSecond: sent,
  result: result(sent, at),
  nodes: [
    { node: 'n1', requests: Math.ceil(counted / 2), share: 0.5, cpuPercentOfCap: 40 },
    { node: 'n2', requests: Math.floor(counted / 2), share: 0.5, cpuPercentOfCap: null },
  ],
  balancerCounted: counted,
  warnings: [],
});
const report = (runs: LbRun[]): LbExperimentReport => ({
  kind: 'experiment-lb',
  version: 1,
  startedAt: '2026-12-01T10:00:00.000Z',
  finishedAt: '2026-12-01T10:01:00.000Z',
  balancer: { kind: 'haproxy', url: 'http://127.0.0.1:8000' },
  settings: {
    pods: ['light'],
    algorithms: ['roundrobin', 'leastconn'],
    nodes: 2,
    loads: [0.5],
    durationS: 1,
    capacityS: 1,
    seed: 1,
  },
  loadModel: 'open loop',
  latencyFrom: 'the intended send time',
  pods: [
    {
      pod: 'light',
      cpus: 0.3,
      job: { kind: 'light', scale: 1 },
      nodes: ['n1', 'n2'],
      capacity: {
        okPerSecond: 200,
        concurrency: 8,
        durationMs: 1000,
        warmUpMs: 1000,
        sent: 400,
        latency,
        algorithm: 'roundrobin',
        nodes: [],
        balancerCounted: 400,
      } as unknown as LbExperimentReport['pods'][number]['capacity'],
      runs,
    },
  ],
});

describe('lbExperimentDocument', () => {
  it('says loudly when the balancer counted other than what the generator sent', () => {
    const doc = lbExperimentDocument(
      report([
        run('roundrobin', 100, 100, '2026-12-01T10:00:10.000Z'),
        run('leastconn', 100, 97, '2026-12-01T10:00:20.000Z'),
      ]),
    );
    expect(doc.warnings).toEqual([
      expect.stringContaining(
        'light leastconn 50 %: the load balancer counted 97 requests, the generator sent 100',
      ),
    ]);
    expect(renderText(doc)).toContain('!!! light leastconn 50 %');
  });

  it('tables every run and node, a CPU not sampled shown as such, and draws every chart kind', () => {
    const doc = lbExperimentDocument(report([run('roundrobin', 100, 100, '2026-12-01T10:00:10.000Z')]));
    const [throughput, perNode] = doc.sections[0].tables ?? [];
    expect(throughput.rows[0]).toEqual(expect.arrayContaining(['roundrobin', '50 %', 100, 100]));
    expect(perNode.columns).toEqual(['algorithm', 'load', 'n1 requests', 'n1 CPU', 'n2 requests', 'n2 CPU']);
    expect(perNode.rows[0]).toEqual(['roundrobin', '50 %', '50 (50 %)', '40 %', '50 (50 %)', null]);
    const kinds = (doc.sections[0].charts ?? []).map((c) => c.kind);
    expect(kinds).toEqual(['time', 'percentiles', 'bars', 'bars']);
    expect(renderHtml(doc)).toContain('data-chart-kind="percentiles"');
  });
});
