import type { Elasticity, LoadBalancerStatus, Node, PodUsage } from '@strato/api-client';
import { aNode } from './fixtures';
import { type FakeManager, houseError } from './fake-manager';

type NodeUsage = PodUsage['nodes'][number];
type ServerStatus = LoadBalancerStatus['pods'][number]['servers'][number];

/**
 * The pod page's routes on a FakeManager, for one pod of `manager.pods`, answering from that state
 * (and changing it) as the manager would. A spec replaces any of them with `manager.on(...)`.
 */
export class FakePodRoutes {
  readonly usage: NodeUsage[] = [];
  readonly servers: ServerStatus[] = [];
  elasticity: Elasticity;

  constructor(
    private readonly manager: FakeManager,
    readonly pod = 'light',
  ) {
    this.elasticity = anElasticity({ pod });
  }

  install(): this {
    const base = `/api/v1/pods/${this.pod}`;
    const { manager } = this;
    manager.on('GET', base, () => Response.json(this.current()));
    manager.on('GET', `${base}/usage`, () => Response.json({ pod: this.pod, nodes: this.usage }));
    manager.on('GET', '/api/v1/lb', () => Response.json(this.balancer()));
    manager.on('GET', `${base}/elasticity`, () => Response.json(this.elasticity));
    manager.on('POST', '/api/v1/nodes', (request) => this.register(request));
    manager.on('POST', `${base}/launch`, () => this.launch());
    manager.on('POST', `${base}/pause`, () => Response.json(this.setPod({ state: 'paused' })));
    manager.on('POST', `${base}/resume`, () => Response.json(this.setPod({ state: 'running' })));
    manager.on('PUT', `${base}/algorithm`, async (request) =>
      Response.json(this.setPod(await request.clone().json())),
    );
    manager.on('PUT', `${base}/elasticity`, async (request) =>
      this.setElasticity(await request.clone().json()),
    );
    manager.on('POST', `${base}/elasticity/enable`, async (request) =>
      this.setElasticity({ ...(await request.clone().json()), enabled: true }),
    );
    manager.on('POST', `${base}/elasticity/disable`, () => this.setElasticity({ enabled: false }));
    for (const node of manager.nodes) this.nodeRoutes(node.name);
    return this;
  }

  private current() {
    const pod = this.manager.pods.find((candidate) => candidate.name === this.pod);
    if (!pod) throw new Error(`FakePodRoutes: no pod ${this.pod} in manager.pods`);
    return pod;
  }

  private setPod(change: object) {
    const pod = { ...this.current(), ...change };
    this.manager.pods = this.manager.pods.map((candidate) => (candidate.name === this.pod ? pod : candidate));
    return pod;
  }

  private setNode(name: string, change: Partial<Node>): Node | undefined {
    const node = this.manager.nodes.find((candidate) => candidate.name === name);
    if (!node) return undefined;
    Object.assign(node, change);
    return node;
  }

  private balancer(): LoadBalancerStatus {
    const pod = this.current();
    return {
      kind: 'embedded',
      url: 'http://127.0.0.1:8000',
      pods: [
        {
          pod: pod.name,
          algorithm: pod.algorithm,
          paused: pod.state === 'paused',
          job: pod.job,
          queuePerNode: 3,
          requestRate: 0,
          currentSessions: 0,
          queue: 0,
          responseTimeMs: 0,
          latency: null,
          http5xx: 0,
          servers: this.servers,
        },
      ],
    };
  }

  private async register(request: Request): Promise<Response> {
    const { name, pod } = (await request.clone().json()) as { name: string; pod: string };
    const taken = this.manager.nodes.find((node) => node.name === name);
    if (taken) {
      return houseError(
        409,
        'Conflict',
        `a node named "${name}" already exists (in pod ${taken.pod}); choose another name`,
      );
    }
    const node = aNode({
      name,
      pod,
      status: 'NEW',
      agent: null,
      host: null,
      port: null,
      incarnation: 0,
      limits: { enforced: null, reason: null },
      createdAt: new Date().toISOString(),
    });
    this.manager.nodes.push(node);
    this.nodeRoutes(name);
    return Response.json(node, { status: 201 });
  }

  private launch(): Response {
    // As the manager does: the oldest NEW node, whichever was asked for.
    const next = this.manager.nodes
      .filter((node) => node.pod === this.pod && node.status === 'NEW')
      .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))[0];
    if (!next) {
      return houseError(
        409,
        'Conflict',
        `pod ${this.pod} has no NEW node to launch; register one first: cloud register NODE ${this.pod}`,
      );
    }
    const launched = this.setNode(next.name, {
      status: 'ONLINE',
      agent: 'local',
      host: '127.0.0.1',
      port: 41000 + this.manager.nodes.length,
      incarnation: 1,
      limits: { enforced: true, reason: null },
    });
    return Response.json(launched, { status: 201 });
  }

  private nodeRoutes(name: string): void {
    this.manager.on('DELETE', `/api/v1/nodes/${name}`, () => {
      const node = this.manager.nodes.find((candidate) => candidate.name === name);
      if (!node)
        return houseError(404, 'Not Found', `unknown node "${name}"; \`cloud node ls\` lists the nodes`);
      this.manager.nodes = this.manager.nodes.filter((candidate) => candidate !== node);
      return Response.json(node);
    });
    this.manager.on('PUT', `/api/v1/nodes/${name}/weight`, async (request) => {
      const { weight } = (await request.clone().json()) as { weight: number };
      const node = this.setNode(name, { weight });
      return node ? Response.json(node) : houseError(404, 'Not Found', `unknown node "${name}"`);
    });
  }

  private setElasticity(change: Record<string, unknown>): Response {
    const { enabled, ...policy } = change;
    this.elasticity = {
      ...this.elasticity,
      enabled: typeof enabled === 'boolean' ? enabled : this.elasticity.enabled,
      policy: { ...this.elasticity.policy, ...policy } as Elasticity['policy'],
    };
    return Response.json(this.elasticity);
  }
}

/** A pod's elasticity as the manager answers it: off, the default threshold policy, never evaluated. */
export function anElasticity(overrides: Partial<Elasticity> = {}): Elasticity {
  const policy = {
    kind: 'threshold',
    metric: 'cpu',
    lower: 20,
    upper: 70,
    minNodes: 1,
    maxNodes: 6,
    warmNodes: 0,
    step: 1,
    scaleOutCooldownMs: 3000,
    scaleInCooldownMs: 15000,
    windowMs: 3000,
  };
  return {
    pod: 'light',
    enabled: false,
    policy: policy as unknown as Elasticity['policy'],
    status: null,
    tickMs: 1000,
    ...overrides,
  };
}

/** One node's use as its agent sampled it. */
export function aUsage(overrides: Partial<NodeUsage> & Pick<NodeUsage, 'node'>): NodeUsage {
  return {
    status: 'ONLINE',
    cpuSeconds: 12.5,
    cpuPercent: 24,
    cpus: 0.3,
    memoryBytes: 40 * 1024 * 1024,
    memoryLimitBytes: 100 * 1024 * 1024,
    throttledPeriods: 0,
    sampledAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** One node as the load balancer reports it. */
export function aServer(overrides: Partial<ServerStatus> & Pick<ServerStatus, 'node'>): ServerStatus {
  return {
    host: '127.0.0.1',
    port: 41001,
    weight: 1,
    maxConnections: 2,
    health: 'up',
    requestRate: 0,
    currentSessions: 0,
    queue: 0,
    downTransitions: 0,
    responseTimeMs: 0,
    totalRequests: 0,
    http5xx: 0,
    ...overrides,
  };
}
