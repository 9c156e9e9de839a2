import { Inject, Injectable } from '@nestjs/common';
import type { NodeMetricsSample, PodMetricsSample } from '@strato/contracts';
import { NodeSamples } from '../agents/registry/node-samples';
import { ElasticityTicker } from '../elasticity/elasticity-ticker';
import { ElasticityRepository } from '../elasticity/settings/elasticity.repository';
import { LOAD_BALANCER, type LoadBalancer } from '../lb/load-balancer';
import { NodesRepository } from '../store/nodes.repository';
import { PodsRepository } from '../store/pods.repository';
import { CounterRates } from './counter-rates';
import { nodeSampleOf, podSampleOf } from './pod-sample';

/** The look-back of the latency percentiles: the same as `GET /api/v1/lb` (the balancer's 10 s). */
const LATENCY_WINDOW_MS = 10_000;

export interface MetricsReading {
  at: number;
  pods: PodMetricsSample[];
  nodes: NodeMetricsSample[];
}

/** One sample of every pod and of every node an agent reports on, from the balancer, store, agents and elasticity. */
@Injectable()
export class MetricsReader {
  private readonly errors = new CounterRates();

  constructor(
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
    private readonly pods: PodsRepository,
    private readonly nodes: NodesRepository,
    private readonly usage: NodeSamples,
    private readonly elasticity: ElasticityRepository,
    private readonly ticker: ElasticityTicker,
  ) {}

  /** Throws when the balancer cannot be read; a silent agent only leaves its nodes out. */
  async read(now?: number): Promise<MetricsReading> {
    const balanced = new Map((await this.lb.podStatus()).map((status) => [status.name, status]));
    const nodes = this.nodes.list();
    const usage = await this.usage.of(nodes.filter((n) => n.agent !== null));
    // Taken after the reads, with nothing awaited from here to the write, so no sample lands in a
    // minute that the rollup has already closed.
    const atMs = now ?? Date.now();
    const at = new Date(atMs).toISOString();
    const elastic = new Set(this.elasticity.listEnabled().map((settings) => settings.pod));
    const counted = new Set<string>();
    const pods = this.pods.list().map((pod) => {
      const balancer = balanced.get(pod.name);
      let http5xxRate = 0;
      for (const server of balancer?.servers ?? []) {
        const key = `${pod.name}/${server.nodeId}`;
        counted.add(key);
        http5xxRate += this.errors.rate(key, server.http5xx, atMs);
      }
      return podSampleOf({
        at,
        pod,
        balancer,
        latency: balancer ? this.lb.responseTimes(pod.name, LATENCY_WINDOW_MS) : null,
        http5xxRate,
        nodes: nodes.filter((n) => n.pod === pod.name),
        usage,
        desiredNodes: elastic.has(pod.name)
          ? (this.ticker.status.get(pod.name)?.decision.desiredNodes ?? null)
          : null,
      });
    });
    this.errors.retain(counted);
    const sampled = nodes.flatMap((node) => {
      const stats = usage.get(node.name);
      return stats ? [nodeSampleOf(at, node, stats)] : [];
    });
    return { at: atMs, pods, nodes: sampled };
  }
}
