import { Injectable } from '@nestjs/common';
import { NodeSamples } from '../agents/registry/node-samples';
import { NodesRepository } from '../store/nodes.repository';
import { PodsRepository } from '../store/pods.repository';
import type { PodUsageDto } from './pod-usage.dto';

/** The resource use of a pod's nodes, as their agents sample it (the observation path, read on demand). */
@Injectable()
export class PodUsage {
  constructor(
    private readonly pods: PodsRepository,
    private readonly nodes: NodesRepository,
    private readonly samples: NodeSamples,
  ) {}

  async of(podNameOrAlias: string): Promise<PodUsageDto> {
    const pod = this.pods.require(podNameOrAlias);
    const nodes = this.nodes.listByPod(pod.name).filter((n) => n.agent !== null);
    const samples = await this.samples.of(nodes);
    return {
      pod: pod.name,
      nodes: nodes.map((node) => {
        const stats = samples.get(node.name);
        return {
          node: node.name,
          status: node.status,
          cpuSeconds: stats?.cpuSeconds ?? null,
          cpuPercent: stats?.cpuPercent ?? null,
          cpus: pod.cpus,
          memoryBytes: stats?.memoryBytes ?? null,
          memoryLimitBytes: stats?.memoryLimitBytes ?? null,
          throttledPeriods: stats?.throttledPeriods ?? null,
          sampledAt: stats ? new Date(stats.at).toISOString() : null,
        };
      }),
    };
  }
}
