import { Inject, Injectable } from '@nestjs/common';
import { agentViews } from '../agents/agent-views';
import { Placement } from '../agents/placement/placement';
import { AgentRegistry } from '../agents/registry/agent-registry';
import { LOAD_BALANCER, type LoadBalancer } from '../lb/load-balancer';
import { InitResultDto } from '../pods/pod.dto';
import { PodsService } from '../pods/pods.service';
import { Reconciler } from '../reconciler/reconciler';
import { PodsRepository } from '../store/pods.repository';
import type { CloudStatusDto } from './cloud-status.dto';

@Injectable()
export class CloudService {
  constructor(
    private readonly pods: PodsService,
    private readonly podsRepository: PodsRepository,
    private readonly reconciler: Reconciler,
    private readonly agents: AgentRegistry,
    private readonly placement: Placement,
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
  ) {}

  /** `cloud status`: pods, agents (asked now), the load balancer. */
  async status(): Promise<CloudStatusDto> {
    const agents = await Promise.all(
      agentViews(this.agents, this.placement).map(async (view) => {
        // A silent agent is not asked: a host cut off would hold the answer for the whole read timeout.
        const info = view.reachable
          ? await this.agents
              .require(view.id)
              .client.info()
              .catch(() => undefined)
          : undefined;
        return { ...view, status: info ? ('up' as const) : ('down' as const), nodes: info?.nodes ?? null };
      }),
    );
    return {
      pods: this.pods.list(),
      agents,
      loadBalancer: { kind: this.lb.kind, url: this.lb.url },
      reconciler: this.reconciler.status(),
    };
  }

  /** `cloud init`: the default pods in the store, then their paths on the load balancer. */
  async init(): Promise<InitResultDto> {
    const result = this.pods.init();
    for (const name of result.created) await this.reconciler.ensurePod(this.podsRepository.require(name));
    return result;
  }
}
