import type { LoadBalancerStatus } from '@strato/api-client';
import { lbTable } from './lb.command';

const pod = (name: string, latency: LoadBalancerStatus['pods'][number]['latency'], queue = 0) => ({
  pod: name,
  algorithm: 'roundrobin' as const,
  paused: false,
  job: { kind: 'light' as const, scale: 1 },
  queuePerNode: 1000,
  requestRate: 12.5,
  currentSessions: 1,
  queue,
  responseTimeMs: 20,
  latency,
  http5xx: 0,
  servers: [],
});

describe('cloud lb status', () => {
  it("shows each pod's response-time percentiles, or that nobody asked", () => {
    const table = lbTable({
      kind: 'haproxy',
      url: 'http://127.0.0.1:8000',
      pods: [
        pod('light', { windowMs: 10_000, samples: 125, p50Ms: 12, p90Ms: 48, p99Ms: 130 }),
        pod('heavy', null, 7),
      ],
    });
    expect(table).toContain(
      '  light: roundrobin, 12.5 req/s, 0 queued, p50 12 / p90 48 / p99 130 ms (125 requests timed in 10 s)',
    );
    expect(table).toContain('  heavy: roundrobin, 12.5 req/s, 7 queued, no request in the last 10 s');
  });
});
