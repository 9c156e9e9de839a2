import type { Node, Pod } from '@strato/api-client';
import type { NodeStatus, PodMetricsSample } from '@strato/contracts';

const noNodes: Record<NodeStatus, number> = {
  NEW: 0,
  STARTING: 0,
  STANDBY: 0,
  ONLINE: 0,
  DRAINING: 0,
  PAUSED: 0,
  FAILED: 0,
  UNKNOWN: 0,
};

type PodOverrides = Partial<Omit<Pod, 'nodeCounts'>> & {
  nodeCounts?: Partial<Record<NodeStatus, number>>;
};

export function aPod(overrides: PodOverrides = {}): Pod {
  const name = overrides.name ?? 'light';
  return {
    name,
    cpus: 0.3,
    memoryMiB: 100,
    maxNodes: 20,
    state: 'running',
    algorithm: 'roundrobin',
    job: { kind: 'light', scale: 1 },
    jobSlots: 1,
    placement: { mode: 'spread', labels: {} },
    path: `/${name}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
    nodeCounts: { ...noNodes, ...overrides.nodeCounts },
  };
}

export function aNode(overrides: Partial<Node> & Pick<Node, 'name'>): Node {
  return {
    pod: 'light',
    status: 'ONLINE',
    incarnation: 1,
    reason: null,
    agent: 'local',
    host: '127.0.0.1',
    port: 41001,
    weight: 1,
    limits: { enforced: true, reason: null },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** An in-memory `Storage` for the owner token. */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();

  get length(): number {
    return this.items.size;
  }

  clear(): void {
    this.items.clear();
  }

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }

  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

/** One point of a pod's metrics: idle, one node ready, unless told otherwise. */
export function aPoint(
  overrides: Partial<Omit<PodMetricsSample, 'pod'>> = {},
): Omit<PodMetricsSample, 'pod'> {
  return {
    at: '2026-01-01T00:00:00.000Z',
    requestRate: 0,
    latencyP50Ms: null,
    latencyP99Ms: null,
    queue: 0,
    sessions: 0,
    http5xxRate: 0,
    nodes: { ready: 1, total: 1 },
    desiredNodes: null,
    cpuPercent: null,
    ...overrides,
  };
}

/** One pod's metrics sample, as the stream's metrics frames carry them. */
export function aSample(
  overrides: Partial<PodMetricsSample> & Pick<PodMetricsSample, 'pod'>,
): PodMetricsSample {
  const { pod, ...point } = overrides;
  return { pod, ...aPoint(point) };
}
