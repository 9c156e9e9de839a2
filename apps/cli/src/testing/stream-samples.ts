import type { CloudEvent } from '@strato/api-client';
import type { PodMetricsSample } from '@strato/contracts';

/** A pod's numbers for the specs, the given fields changed. */
export const sample = (change: Partial<PodMetricsSample> = {}): PodMetricsSample => ({
  at: '2026-12-02T10:00:01.000Z',
  pod: 'light',
  requestRate: 12.5,
  latencyP50Ms: 8.25,
  latencyP99Ms: 130.4,
  queue: 3,
  sessions: 4,
  http5xxRate: 0.5,
  nodes: { ready: 2, total: 2 },
  desiredNodes: null,
  cpuPercent: 41.6,
  ...change,
});

export const cloudEvent = (id: number, change: Partial<CloudEvent> = {}): CloudEvent => ({
  id,
  at: `2026-12-02T10:00:${String(id).padStart(2, '0')}.000Z`,
  type: 'WeightChanged',
  pod: 'light',
  node: 'n1',
  message: `event ${id}`,
  ...change,
});
