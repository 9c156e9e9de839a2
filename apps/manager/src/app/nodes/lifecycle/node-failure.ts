import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventBus } from '../../events/event-bus';
import { LOAD_BALANCER, type LoadBalancer } from '../../lb/load-balancer';
import type { NodeRecord } from '../../store/nodes.repository';
import { NodeStateMachine } from './node-state-machine';

/** A node that should serve but cannot becomes FAILED with the reason and leaves the load balancer at once. */
@Injectable()
export class NodeFailure {
  private readonly logger = new Logger(NodeFailure.name);

  constructor(
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
    private readonly machine: NodeStateMachine,
    private readonly events: EventBus,
  ) {}

  async record(
    node: NodeRecord,
    reason: string,
    type: 'NodeFailed' | 'NodeOOMKilled' = 'NodeFailed',
  ): Promise<void> {
    this.machine.move(node, 'FAILED', { reason });
    this.events.publish({ type, pod: node.pod, node: node.name, message: `${node.name}: ${reason}` });
    await this.lb
      .removeServer(node.pod, node.name)
      .catch((error: Error) => this.logger.warn(`${node.name}: ${error.message}`));
  }
}
