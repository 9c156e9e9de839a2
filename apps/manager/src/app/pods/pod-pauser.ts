import { Inject, Injectable } from '@nestjs/common';
import type { PodState } from '@strato/contracts';
import { EventBus } from '../events/event-bus';
import { LOAD_BALANCER, type LoadBalancer } from '../lb/load-balancer';
import { NodesRepository } from '../store/nodes.repository';
import { PodsRepository } from '../store/pods.repository';
import type { PodDto } from './pod.dto';
import { PodsService } from './pods.service';
import { balancedPodOf } from '../lb/balanced-records';

/**
 * `cloud pause POD` / `cloud resume POD`: a paused pod's path answers 503 saying so and its ONLINE
 * nodes become PAUSED (kept running, out of rotation); resuming puts them back.
 */
@Injectable()
export class PodPauser {
  constructor(
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
    private readonly pods: PodsService,
    private readonly podsRepository: PodsRepository,
    private readonly nodes: NodesRepository,
    private readonly events: EventBus,
  ) {}

  pause(podNameOrAlias: string): Promise<PodDto> {
    return this.setState(podNameOrAlias, 'paused');
  }

  resume(podNameOrAlias: string): Promise<PodDto> {
    return this.setState(podNameOrAlias, 'running');
  }

  private async setState(podNameOrAlias: string, state: PodState): Promise<PodDto> {
    const pod = this.podsRepository.require(podNameOrAlias);
    if (pod.state === state) return this.pods.get(pod.name);
    await this.lb.upsertPod({ ...balancedPodOf(pod), paused: state === 'paused' });
    this.podsRepository.setState(pod.name, state);
    const moved =
      state === 'paused'
        ? this.nodes.moveStatus(pod.name, 'ONLINE', 'PAUSED')
        : this.nodes.moveStatus(pod.name, 'PAUSED', 'ONLINE');
    this.events.publish({
      type: state === 'paused' ? 'PodPaused' : 'PodResumed',
      pod: pod.name,
      message: `pod ${pod.name} ${state === 'paused' ? 'paused' : 'resumed'}${moved.length ? ` (nodes ${moved.join(', ')})` : ''}`,
    });
    return this.pods.get(pod.name);
  }
}
