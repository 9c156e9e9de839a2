import { Inject, Injectable } from '@nestjs/common';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import type { PodRecord } from '../store/pods.repository';
import { type ActiveJobCount, JobsRepository } from './jobs.repository';
import { podJobSlots } from './pod-job-slots';

export interface PodBacklog {
  running: number;
  /** QUEUED jobs that may start as soon as a slot is free: an array's tasks only up to its parallelism. */
  startable: number;
  /** QUEUED tasks held back by their array's parallelism: more nodes would not start them. */
  heldBack: number;
}

/**
 * Running plus startable: what the pod's nodes are asked to run now. Unlike a count of the queue alone
 * (KEDA's), it neither forgets the jobs that hold nodes nor counts tasks their array's parallelism forbids.
 */
export function backlogOf(counts: readonly ActiveJobCount[]): PodBacklog {
  const backlog: PodBacklog = { running: 0, startable: 0, heldBack: 0 };
  const arrays = new Map<string, { parallelism: number; running: number; queued: number }>();
  for (const { array, parallelism, status, n } of counts) {
    if (status === 'RUNNING') backlog.running += n;
    if (array === null) {
      if (status === 'QUEUED') backlog.startable += n;
      continue;
    }
    const entry = arrays.get(array) ?? { parallelism: parallelism ?? Infinity, running: 0, queued: 0 };
    if (status === 'RUNNING') entry.running += n;
    else entry.queued += n;
    arrays.set(array, entry);
  }
  for (const { parallelism, running, queued } of arrays.values()) {
    const startable = Math.min(queued, Math.max(0, parallelism - running));
    backlog.startable += startable;
    backlog.heldBack += queued - startable;
  }
  return backlog;
}

/** The pods' batch-job backlog, for elasticity's jobBacklog metric. */
@Injectable()
export class JobBacklog {
  constructor(
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
    private readonly jobs: JobsRepository,
  ) {}

  of(pod: string): PodBacklog {
    return backlogOf(this.jobs.activeCounts(pod));
  }

  slotsPerNode(pod: PodRecord): number {
    return podJobSlots(pod, this.config);
  }
}
