import { Injectable } from '@nestjs/common';
import {
  type BatchJobArray,
  type BatchJobView,
  DEFAULT_JOB_TIMEOUT_S,
  resolvePodAlias,
} from '@strato/contracts';
import { AgentRegistry } from '../agents/registry/agent-registry';
import { EventBus } from '../events/event-bus';
import { PodsRepository } from '../store/pods.repository';
import { JobAborter } from './job-aborter';
import { JobFinishedError, JobNotFoundError, PodQueueFullError } from './job-errors';
import { arrayTaskId, newJobId } from './job-ids';
import type { NewJob } from './job-record';
import { jobSpecOf, retryPolicyOf } from './job-spec';
import { toJobView } from './job-view';
import { JobsRepository } from './jobs.repository';
import type { ListJobsQueryDto } from './list-jobs-query.dto';
import { DEFAULT_POD_QUEUE_LIMIT } from './queue-order';
import { assertInterpreterOffered } from './script-interpreter-check';
import type { SubmitJobDto } from './submit-job.dto';

/** A fresh id is drawn again this many times if the first one is taken (4 billion values: never, really). */
const ID_DRAWS = 5;

@Injectable()
export class JobsService {
  constructor(
    private readonly jobs: JobsRepository,
    private readonly pods: PodsRepository,
    private readonly bus: EventBus,
    private readonly agents: AgentRegistry,
    private readonly aborter: JobAborter,
  ) {}

  /** Queues the job, or an array's tasks all together; nothing is queued when any check fails. */
  submit(body: SubmitJobDto): BatchJobView[] {
    const pod = this.pods.require(body.pod).name;
    const spec = jobSpecOf(body);
    assertInterpreterOffered(spec, this.agents.records());
    const retry = retryPolicyOf(body.retry);
    const count = body.count ?? 1;
    const parallelism = Math.min(body.parallelism ?? count, count);
    for (let draw = 1; ; draw++) {
      const id = newJobId();
      const array = (index: number): BatchJobArray | null =>
        count > 1 ? { id, index, count, parallelism } : null;
      const jobs: NewJob[] = Array.from({ length: count }, (_, index) => ({
        id: count > 1 ? arrayTaskId(id, index) : id,
        pod,
        spec,
        timeoutS: body.timeoutS ?? DEFAULT_JOB_TIMEOUT_S,
        priority: body.priority ?? 0,
        retry,
        array: array(index),
      }));
      const outcome = this.jobs.insertQueued(jobs, DEFAULT_POD_QUEUE_LIMIT);
      if (outcome.inserted) {
        this.announceQueued(id, pod, count, spec.kind === 'workload' ? spec.workload : spec.interpreter);
        return outcome.jobs.map((job) => toJobView(job, []));
      }
      if (outcome.why === 'queue-full')
        throw new PodQueueFullError(pod, outcome.queued, DEFAULT_POD_QUEUE_LIMIT, count);
      if (draw >= ID_DRAWS) throw new Error(`no free job id after ${ID_DRAWS} draws`);
    }
  }

  list(query: ListJobsQueryDto): BatchJobView[] {
    const jobs = this.jobs.list({
      pod: query.pod === undefined ? undefined : resolvePodAlias(query.pod),
      node: query.node,
      status: query.status,
      array: query.array,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    const attempts = this.jobs.attemptsOf(jobs.map((job) => job.id));
    return jobs.map((job) => toJobView(job, attempts.get(job.id) ?? []));
  }

  get(id: string): BatchJobView {
    const job = this.jobs.find(id);
    if (!job) throw new JobNotFoundError(id);
    return toJobView(job, this.jobs.attempts(id));
  }

  /** Idempotent: an ABORTED job answers as it is; another final state is a conflict naming it. */
  abort(id: string): BatchJobView {
    const result = this.aborter.abort(id);
    if (!result) throw new JobNotFoundError(id);
    if (result.outcome === 'finished') throw new JobFinishedError(id, result.job.status);
    return toJobView(result.job, this.jobs.attempts(id));
  }

  private announceQueued(id: string, pod: string, count: number, what: string): void {
    const message =
      count > 1
        ? `array ${id} of ${count} tasks (${what}) queued on pod ${pod}`
        : `job ${id} (${what}) queued on pod ${pod}`;
    this.bus.publish({ type: 'JobQueued', pod, message });
  }
}
