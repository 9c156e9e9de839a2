import type { JobKind } from './job';

/**
 * What a pod's nodes run for `GET /<pod>`: the owner's setting, never the end user's. The load balancer
 * names it to the node in these headers (replacing any the client sent); a request straight to a node
 * (no header) names the job in its path.
 */
export interface PodJob {
  kind: JobKind;
  /** Work size relative to the kind's standard job, 0 < scale <= MAX_JOB_SCALE. */
  scale: number;
}

export const JOB_KIND_HEADER = 'x-strato-job';
export const JOB_SCALE_HEADER = 'x-strato-job-scale';
export const MAX_JOB_SCALE = 10;

/** The job a pod runs unless its owner sets another: the built-in pods run their own, others the light one. */
export function defaultPodJob(pod: string): PodJob {
  const kind: JobKind = pod === 'medium' || pod === 'heavy' ? pod : 'light';
  return { kind, scale: 1 };
}

/** Job threads of a node: one per CPU of its cap, rounded up (a 0.3-CPU node has one). */
export function jobWorkers(cpus: number): number {
  return Math.max(1, Math.ceil(cpus - 1e-9));
}

/**
 * CPU time of each job at scale 1 on the reference machine (docs/benchmarks.md); trial division makes the
 * work grow about as scale^1.5. Only sizes the limits below: a rough figure is enough.
 */
export const JOB_CPU_MS: Readonly<Record<JobKind, number>> = { light: 2, medium: 35, heavy: 2500 };
/** A node holds at most about this much work per job thread beyond the one it runs (see below). */
export const NODE_BACKLOG_TARGET_MS = 50;

/** Wall time of one request of `job` on one job thread of a `cpus`-CPU node (a thread gets cpus / threads). */
function jobMsPerThread(job: PodJob, cpus: number): number {
  return (JOB_CPU_MS[job.kind] * job.scale ** 1.5 * jobWorkers(cpus)) / cpus;
}

/**
 * Requests the load balancer sends a node at once (HAProxy `maxconn`), per job thread: enough that a
 * thread never idles between requests (at least 2: one running, one waiting), and no more than about
 * NODE_BACKLOG_TARGET_MS of work (at most 32), so /health still answers at once and a queue hidden on the
 * node, which the balancer can neither see nor move to a node that joins, stays short. A heavy or medium
 * job gets 2 per thread; a tiny one up to 32, or the round trip to the balancer would idle the node.
 */
export function nodeConcurrencyLimit(job: PodJob, cpus: number): number {
  const perThread = Math.ceil(NODE_BACKLOG_TARGET_MS / jobMsPerThread(job, cpus));
  return jobWorkers(cpus) * Math.min(32, Math.max(2, perThread));
}
/** The balancer's queue for a pod holds about this much waiting, in time. */
export const QUEUE_WAIT_TARGET_MS = 10_000;

/**
 * Requests the balancer's queue for a pod holds per serving node (HAProxy: refused `if { avg_queue ge N }`):
 * about QUEUE_WAIT_TARGET_MS of the pod's job, so a light pod queues a burst of hundreds and a heavy one
 * a few; beyond it, 503 with Retry-After at once rather than a wait nobody wants. 2..1000.
 */
export function queuePerNode(job: PodJob, cpus: number): number {
  const threads = jobWorkers(cpus);
  return Math.min(
    1000,
    Math.max(2, Math.floor((QUEUE_WAIT_TARGET_MS / jobMsPerThread(job, cpus)) * threads)),
  );
}
/** Seconds a refused end user is told to wait (`Retry-After`) when a pod's queue is full or it has no node. */
export const RETRY_AFTER_SECONDS = 1;
