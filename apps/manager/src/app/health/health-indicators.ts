import { Inject, Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { AgentRegistry } from '../agents/registry/agent-registry';
import { LOAD_BALANCER, type LoadBalancer } from '../lb/load-balancer';
import { DATABASE, type Db } from '../store/database';

/** The manager's dependencies as terminus indicators: the store, the agents, the load balancer. */
@Injectable()
export class HealthIndicators {
  constructor(
    private readonly indicator: HealthIndicatorService,
    @Inject(DATABASE) private readonly db: Db,
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
    private readonly agents: AgentRegistry,
  ) {}

  store(): HealthIndicatorResult {
    const check = this.indicator.check('store');
    try {
      this.db.prepare('SELECT 1').get();
      return check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  /** Up with the per-agent state: an agent that has not registered yet does not make the manager unhealthy. */
  async agentsUp(): Promise<HealthIndicatorResult> {
    const agents = await Promise.all(
      this.agents.list().map(async ({ record, client }) => ({
        id: record.id,
        // A silent agent is down without asking: a host cut off would hold the answer for the read timeout.
        status: this.agents.isReachable(record)
          ? await client.info().then(
              () => 'up' as const,
              () => 'down' as const,
            )
          : ('down' as const),
      })),
    );
    return this.indicator
      .check('agents')
      .up({ agents, answering: agents.filter((a) => a.status === 'up').length });
  }

  async loadBalancer(): Promise<HealthIndicatorResult> {
    const check = this.indicator.check('loadBalancer');
    try {
      await this.lb.podStatus();
      return check.up({ kind: this.lb.kind, url: this.lb.url });
    } catch (error) {
      return check.down({ kind: this.lb.kind, message: (error as Error).message });
    }
  }
}
