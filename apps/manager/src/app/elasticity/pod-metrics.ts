import { Inject, Injectable } from '@nestjs/common';
import { jobWorkers } from '@strato/contracts';
import type { ScalingMetric } from '@strato/elasticity';
import { NodeSamples } from '../agents/registry/node-samples';
import { JobBacklog } from '../jobs/job-backlog';
import { LOAD_BALANCER, type LoadBalancer, type ServerStatus } from '../lb/load-balancer';
import type { NodeRecord } from '../store/nodes.repository';
import type { PodRecord } from '../store/pods.repository';

export interface PodMetricReading {
  metric: ScalingMetric;
  /** null when nothing could be measured this tick (no ready node, agent silent, first sample). */
  value: number | null;
  detail: string;
}

const LATENCY_WINDOW_MS = 10_000;

/**
 * The observation path for elasticity: CPU utilisation of the cap from the agents' cgroup samples,
 * requests per ready node from the load balancer's counters, the p90 of every request's response
 * time as the load balancer measured it, the queue depth (served + waiting per job thread) from the
 * load balancer's live counts — the fastest of them: it needs no sample period to pass — and the batch
 * jobs' backlog per slot from the store.
 */
@Injectable()
export class PodMetrics {
  private readonly lastTotals = new Map<string, { at: number; total: number }>();

  constructor(
    private readonly samples: NodeSamples,
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
    private readonly backlog: JobBacklog,
  ) {}

  async read(
    pod: PodRecord,
    ready: NodeRecord[],
    metric: ScalingMetric,
    now: number,
  ): Promise<PodMetricReading> {
    if (ready.length === 0) return { metric, value: null, detail: 'no ready node' };
    if (metric === 'cpu') return this.cpu(pod, ready);
    if (metric === 'latencyP90') return this.latencyP90(pod);
    if (metric === 'queueDepth') return this.queueDepth(pod, ready);
    if (metric === 'jobBacklog') return this.jobBacklog(pod, ready);
    const servers = (await this.lb.status()).filter(
      (s) => s.pod === pod.name && ready.some((n) => n.name === s.nodeId),
    );
    return this.requestsPerNode(pod, servers, ready.length, now);
  }

  private async cpu(pod: PodRecord, ready: NodeRecord[]): Promise<PodMetricReading> {
    const percents = [...(await this.samples.of(ready)).values()]
      .map((stats) => stats.cpuPercent)
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

  /** Requests in service on the ready nodes or waiting in the pod's queue, per job thread. */
  private async queueDepth(pod: PodRecord, ready: NodeRecord[]): Promise<PodMetricReading> {
    const status = (await this.lb.podStatus()).find((p) => p.name === pod.name);
    if (!status) return { metric: 'queueDepth', value: null, detail: 'pod not in the load balancer' };
    const serving = status.servers
      .filter((s) => ready.some((n) => n.name === s.nodeId))
      .reduce((sum, s) => sum + s.currentSessions, 0);
    const threads = ready.length * jobWorkers(pod.cpus);
    const value = (serving + status.queue) / threads;
    return {
      metric: 'queueDepth',
      value,
      detail: `${serving} in service and ${status.queue} queued for ${threads} job thread(s): ${value.toFixed(2)} per thread`,
    };
  }

  /** Batch jobs running or able to start, per batch-job slot of the ready nodes. */
  private jobBacklog(pod: PodRecord, ready: NodeRecord[]): PodMetricReading {
    const { running, startable, heldBack } = this.backlog.of(pod.name);
    const slots = ready.length * this.backlog.slotsPerNode(pod);
    const value = (running + startable) / slots;
    const held = heldBack > 0 ? ` (${heldBack} more held back by their array's parallelism)` : '';
    return {
      metric: 'jobBacklog',
      value,
      detail: `${running} batch job(s) running and ${startable} queued to start${held} for ${slots} slot(s): ${value.toFixed(2)} per slot`,
    };
  }

  /** The 90th percentile of every request's time through the balancer over the last 10 s. */
  private latencyP90(pod: PodRecord): PodMetricReading {
    if (!this.lb.timesRequests) {
      return {
        metric: 'latencyP90',
        value: null,
        detail: 'not measured: HAProxy runs with STRATO_LB_ACCESS_LOG=off',
      };
    }
    const times = this.lb.responseTimes(pod.name, LATENCY_WINDOW_MS);
    // Nobody waited: for scaling, an idle pod is a fast one (so it can scale in), not an unknown one.
    if (!times) return { metric: 'latencyP90', value: 0, detail: 'no request in the last 10 s' };
    return {
      metric: 'latencyP90',
      value: times.p90Ms,
      detail: `p90 ${times.p90Ms} ms (p50 ${times.p50Ms}, p99 ${times.p99Ms}) over ${times.samples} timed requests in the last 10 s`,
    };
  }
}
