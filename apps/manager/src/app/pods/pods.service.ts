import { Injectable } from '@nestjs/common';
import { DEFAULT_PODS, NODE_STATUSES, type NodeStatus, resolvePodAlias } from '@strato/contracts';
import { PodNotFoundError } from '../errors/domain-errors';
import { EventsRepository } from '../events/events.repository';
import { NodesRepository } from '../nodes/nodes.repository';
import type { PodDto } from './pod.dto';
import { type PodRecord, PodsRepository } from './pods.repository';

@Injectable()
export class PodsService {
  constructor(
    private readonly pods: PodsRepository,
    private readonly nodes: NodesRepository,
    private readonly events: EventsRepository,
  ) {}

  /** `cloud init`: creates the default pods that do not exist yet; idempotent. */
  init(): { created: string[]; pods: PodDto[] } {
    const created = DEFAULT_PODS.filter((pod) => this.pods.insertIfMissing(pod)).map((pod) => pod.name);
    for (const name of created)
      this.events.append({ type: 'PodCreated', pod: name, message: `pod ${name} created` });
    return { created, pods: this.list() };
  }

  list(): PodDto[] {
    return this.pods.list().map((pod) => this.toDto(pod));
  }

  get(nameOrAlias: string): PodDto {
    return this.toDto(this.require(nameOrAlias));
  }

  /** The pod for a name or a seed alias (0/1/2), or a 404 naming the known pods. */
  require(nameOrAlias: string): PodRecord {
    const pod = this.pods.find(resolvePodAlias(nameOrAlias));
    if (!pod)
      throw new PodNotFoundError(
        nameOrAlias,
        this.pods.list().map((p) => p.name),
      );
    return pod;
  }

  private toDto(pod: PodRecord): PodDto {
    const nodeCounts = Object.fromEntries(NODE_STATUSES.map((s) => [s, 0])) as Record<NodeStatus, number>;
    for (const node of this.nodes.listByPod(pod.name)) nodeCounts[node.status]++;
    return { ...pod, path: `/${pod.name}`, nodeCounts };
  }
}
