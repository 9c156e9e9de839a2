import { Inject, Injectable } from '@nestjs/common';
import { PodExistsError, PodHasJobsError, PodNotEmptyError } from '../errors/domain-errors';
import { EventBus } from '../events/event-bus';
import { PodJobs } from '../jobs/pod-jobs';
import { LOAD_BALANCER, type LoadBalancer } from '../lb/load-balancer';
import { NodeLifecycle } from '../nodes/lifecycle/node-lifecycle';
import { NodesRepository } from '../store/nodes.repository';
import { PodsRepository } from '../store/pods.repository';
import { DEFAULT_PLACEMENT, defaultPodJob } from '@strato/contracts';
import { changedPlacement, describePlacement } from './pod-placement.dto';
import { changedJob, DEFAULT_POD_SIZE, type PodDto, type RegisterPodDto } from './pod.dto';
import { PodsService } from './pods.service';
import { balancedPodOf } from '../lb/balanced-records';

/** `cloud pod register` and `cloud pod rm`: the store and the load balancer's paths together. */
@Injectable()
export class PodLifecycle {
  constructor(
    @Inject(LOAD_BALANCER) private readonly lb: LoadBalancer,
    private readonly pods: PodsService,
    private readonly podsRepository: PodsRepository,
    private readonly nodes: NodesRepository,
    private readonly lifecycle: NodeLifecycle,
    private readonly events: EventBus,
    private readonly jobs: PodJobs,
  ) {}

  async register(request: RegisterPodDto): Promise<PodDto> {
    const algorithm = request.algorithm ?? 'roundrobin';
    const pod = {
      name: request.name,
      cpus: request.cpus ?? DEFAULT_POD_SIZE.cpus,
      memoryMiB: request.memoryMiB ?? DEFAULT_POD_SIZE.memoryMiB,
      maxNodes: request.maxNodes ?? DEFAULT_POD_SIZE.maxNodes,
    };
    const job = changedJob(defaultPodJob(pod.name), request.job);
    if (!this.podsRepository.insertIfMissing(pod, algorithm, job)) throw new PodExistsError(pod.name);
    if (request.jobSlots !== undefined) this.podsRepository.setJobSlots(pod.name, request.jobSlots);
    const placement = changedPlacement(DEFAULT_PLACEMENT, request.placement);
    this.podsRepository.setPlacement(pod.name, placement);
    try {
      await this.lb.upsertPod(balancedPodOf(this.podsRepository.require(pod.name)));
    } catch (error) {
      this.podsRepository.delete(pod.name);
      throw error;
    }
    this.events.publish({
      type: 'PodCreated',
      pod: pod.name,
      message: `pod ${pod.name} registered: ${pod.cpus} CPU, ${pod.memoryMiB} MiB, at most ${pod.maxNodes} nodes, ${algorithm}, runs the ${job.kind} job at scale ${job.scale}, placed ${describePlacement(placement)}`,
    });
    return this.pods.get(pod.name);
  }

  /**
   * Refuses a pod that still has nodes or batch jobs that have not ended unless forced; forced, aborts the
   * jobs, then drains and removes the nodes.
   */
  async remove(podNameOrAlias: string, force: boolean): Promise<PodDto> {
    const pod = this.pods.get(podNameOrAlias);
    const nodes = this.nodes.listByPod(pod.name);
    if (nodes.length > 0 && !force)
      throw new PodNotEmptyError(
        pod.name,
        nodes.map((node) => node.name),
      );
    const active = this.jobs.active(pod.name);
    if (active.length > 0 && !force) {
      const running = active.filter((job) => job.status === 'RUNNING').length;
      throw new PodHasJobsError(pod.name, active.length - running, running);
    }
    this.jobs.abortAll(pod.name);
    for (const node of nodes) await this.lifecycle.remove(node.name, undefined, `pod ${pod.name} removed`);
    await this.lb.removePod(pod.name);
    this.podsRepository.delete(pod.name);
    this.events.publish({ type: 'PodRemoved', pod: pod.name, message: `pod ${pod.name} removed` });
    return pod;
  }
}
