import type { PodJob } from '@strato/contracts';
import type { JobPool } from './job-pool';
import { runJob, type JobOutcome } from './job-worker';
import { WORKLOADS } from './workloads';

/**
 * Below this many candidate primes (about 0.3 ms of CPU) a job runs on the event loop: handing it to a
 * thread costs ~30 µs of messaging, more than such work, and /health waits no longer than that.
 */
const INLINE_BELOW_PRIMES = 10_000;

/** Runs a job: tiny ones inline, the rest on the node's job threads. */
export class JobRunner {
  constructor(private readonly pool: JobPool) {}

  run(job: PodJob): Promise<JobOutcome> {
    const workload = WORKLOADS[job.kind];
    const inline = workload.memoryMiB === 0 && workload.primesBelow * job.scale < INLINE_BELOW_PRIMES;
    if (inline) return Promise.resolve(runJob({ id: 0, ...job }));
    return this.pool.run(job);
  }

  /** Ready for work: every thread started and the queue not full. */
  get ready(): boolean {
    return this.pool.ready;
  }

  get load(): { threads: number; busy: number; queued: number } {
    return { threads: this.pool.size, busy: this.pool.busy, queued: this.pool.queued };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
