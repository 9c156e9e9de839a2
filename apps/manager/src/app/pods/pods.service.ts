import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_PODS, NODE_STATUSES, nodeConcurrencyLimit, type NodeStatus } from '@strato/contracts';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { PodOverLimitError } from '../errors/domain-errors';
import { podJobSlots } from '../jobs/pod-job-slots';
import { EventBus } from '../events/event-bus';
import { balancedPodOf } from '../lb/balanced-records';
import { LOAD_BALANCER, type LoadBalancer } from '../lb/load-balancer';
import { NodesRepository } from '../store/nodes.repository';
import { type PodRecord, PodsRepository } from '../store/pods.repository';
import { changedJob, type PodDto, type UpdatePodDto } from './pod.dto';
import { changedPlacement, describePlacement } from './pod-placement.dto';

@Injectable()
export class PodsService {
  constructor(
    private readonly pods: PodsRepository,
    private readonly nodes: NodesRepository,
    private readonly events: EventBus,
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
  ) {}

  /** `cloud init`: creates the default pods that do not exist yet; idempotent. */
  init(): { created: string[]; pods: PodDto[] } {
    const created = DEFAULT_PODS.filter((pod) => this.pods.insertIfMissing(pod)).map((pod) => pod.name);
    for (const name of created)
      this.events.publish({ type: 'PodCreated', pod: name, message: `pod ${name} created` });
    return { created, pods: this.list() };
  }

  list(): PodDto[] {
    return this.pods.list().map((pod) => this.toDto(pod));
  }

  get(nameOrAlias: string): PodDto {
    return this.toDto(this.pods.require(nameOrAlias));
  }

  /**
   * New caps apply to nodes launched from now on; running nodes keep theirs until replaced. A new job
   * applies at once: the load balancer names it to every node (a HAProxy reload).
   */
  async update(nameOrAlias: string, change: UpdatePodDto): Promise<PodDto> {
    const pod = this.pods.require(nameOrAlias);
    const next = {
      cpus: change.cpus ?? pod.cpus,
      memoryMiB: change.memoryMiB ?? pod.memoryMiB,
      maxNodes: change.maxNodes ?? pod.maxNodes,
    };
    const job = changedJob(pod.job, change.job);
    const nodes = this.nodes.listByPod(pod.name).length;
    if (next.maxNodes < nodes) throw new PodOverLimitError(pod.name, next.maxNodes, nodes);
    if (job.kind !== pod.job.kind || job.scale !== pod.job.scale) {
      await this.lb.upsertPod(balancedPodOf({ ...pod, job }));
      // The running nodes keep their CPU cap: their concurrency follows the new job on that cap.
      await this.lb.setMaxConnections(pod.name, nodeConcurrencyLimit(job, pod.cpus));
      this.pods.setJob(pod.name, job);
    }
    this.pods.updateSize(pod.name, next);
    if (change.jobSlots !== undefined) this.pods.setJobSlots(pod.name, change.jobSlots);
    const placement = changedPlacement(pod.placement, change.placement);
    this.pods.setPlacement(pod.name, placement);
    const slots = podJobSlots({ jobSlots: change.jobSlots ?? pod.jobSlots }, this.config);
    this.events.publish({
      type: 'PodChanged',
      pod: pod.name,
      message: `pod ${pod.name}: ${next.cpus} CPU, ${next.memoryMiB} MiB, at most ${next.maxNodes} nodes (new nodes get the new size), runs the ${job.kind} job at scale ${job.scale}, ${slots} batch job(s) per node, placed ${describePlacement(placement)}`,
    });
    return this.get(pod.name);
  }

  private toDto(pod: PodRecord): PodDto {
    const counted = this.nodes.countByStatus(pod.name);
    const nodeCounts = Object.fromEntries(NODE_STATUSES.map((s) => [s, counted[s] ?? 0])) as Record<
      NodeStatus,
      number
    >;
    return { ...pod, jobSlots: podJobSlots(pod, this.config), path: `/${pod.name}`, nodeCounts };
  }
}
