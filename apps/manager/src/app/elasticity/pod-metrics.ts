import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AgentNodeView } from '@strato/contracts';
import type { ScalingMetric } from '@strato/elasticity';
import { AgentRegistry } from '../agents/agent-registry';
import { LOAD_BALANCER, type LoadBalancer, type ServerStatus } from '../lb/load-balancer';
import type { NodeRecord } from '../nodes/nodes.repository';
import type { PodRecord } from '../pods/pods.repository';

export interface PodMetricReading {
  metric: ScalingMetric;
  /** null when nothing could be measured this tick (no ready node, agent silent, first sample). */
  value: number | null;
  detail: string;
}

/**
 * The observation path for elasticity: CPU utilisation of the cap from the agents' cgroup samples,
 * requests per ready node and response time from the load balancer's counters.
 */
@Injectable()
export class PodMetrics {
  private readonly logger = new Logger(PodMetrics.name);
  private readonly lastTotals = new Map<string, { at: number; total: number }>();

  constructor(
    private readonly agents: AgentRegistry,
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
  ) {}

  async read(
    pod: PodRecord,
    ready: NodeRecord[],
    metric: ScalingMetric,
    now: number,
  ): Promise<PodMetricReading> {
    if (ready.length === 0) return { metric, value: null, detail: 'no ready node' };
    if (metric === 'cpu') return this.cpu(pod, ready);
    const servers = (await this.lb.status()).filter(
      (s) => s.pod === pod.name && ready.some((n) => n.name === s.nodeId),
    );
    return metric === 'requestsPerNode'
      ? this.requestsPerNode(pod, servers, ready.length, now)
      : this.latency(servers);
  }

  private async cpu(pod: PodRecord, ready: NodeRecord[]): Promise<PodMetricReading> {
    const byAgent = new Map<string, AgentNodeView[]>();
    for (const agentId of new Set(ready.map((n) => n.agent).filter((a): a is string => a !== null))) {
      const agent = this.agents.get(agentId);
      const nodes = await agent?.client.listNodes(true).catch((error: Error) => {
        this.logger.warn(`agent ${agentId}: ${error.message}`);
        return undefined;
      });
      if (nodes) byAgent.set(agentId, nodes);
    }
    const percents = ready
      .map((node) => byAgent.get(node.agent ?? '')?.find((v) => v.nodeId === node.name)?.stats?.cpuPercent)
      .filter((p): p is number => typeof p === 'number');
    if (percents.length === 0) return { metric: 'cpu', value: null, detail: 'no CPU sample yet' };
    // Utilisation of the pod's cap: a 0.3-CPU node using 0.3 CPU is at 100 %.
    const value = percents.reduce((a, b) => a + b, 0) / percents.length / pod.cpus;
    return {
      metric: 'cpu',
      value,
      detail: `${percents.length} node(s) at ${value.toFixed(1)} % of ${pod.cpus} CPU`,
    };
  }

  private requestsPerNode(
    pod: PodRecord,
    servers: ServerStatus[],
    ready: number,
    now: number,
  ): PodMetricReading {
    const total = servers.reduce((sum, s) => sum + s.totalRequests, 0);
    const last = this.lastTotals.get(pod.name);
    this.lastTotals.set(pod.name, { at: now, total });
    // Counters restart from 0 on a reload or when a server leaves: a drop is no measurement, not negative load.
    if (!last || total < last.total || now <= last.at)
      return { metric: 'requestsPerNode', value: null, detail: 'counting' };
    const perSecond = ((total - last.total) * 1000) / (now - last.at);
    const value = perSecond / ready;
    return {
      metric: 'requestsPerNode',
      value,
      detail: `${perSecond.toFixed(1)} req/s over ${ready} node(s)`,
    };
  }

  private latency(servers: ServerStatus[]): PodMetricReading {
    const times = servers
      .map((s) => (s as ServerStatus & { responseTimeMs?: number }).responseTimeMs)
      .filter((t): t is number => typeof t === 'number');
    if (times.length === 0) return { metric: 'latencyP90', value: null, detail: 'no response times' };
    const value = Math.max(...times);
    return { metric: 'latencyP90', value, detail: `slowest node averages ${value.toFixed(0)} ms` };
  }
}
