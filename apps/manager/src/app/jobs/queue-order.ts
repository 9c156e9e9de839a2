/** Queued jobs a pod holds at most; beyond it a submit answers 429 (configurable per pod later). */
export const DEFAULT_POD_QUEUE_LIMIT = 1000;

/** What queue order and eligibility read of a queued job. */
export interface QueuedJob {
  id: string;
  priority: number;
  submittedAt: string;
  /** Not dispatched before this time (a retry's backoff); null: at once. */
  notBefore: string | null;
  array: { id: string; parallelism: number } | null;
}

/** Higher priority first, then the earlier submit (a retried job keeps its place), then the id. */
export function compareQueued(a: QueuedJob, b: QueuedJob): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The queued jobs that may start now, in dispatch order: out of backoff, and in an array below its
 * parallelism counting both its running tasks and the ones taken earlier in this order.
 */
export function dispatchOrder(
  queued: readonly QueuedJob[],
  now: Date,
  runningByArray: ReadonlyMap<string, number>,
): QueuedJob[] {
  const taken = new Map(runningByArray);
  const nowIso = now.toISOString();
  return [...queued].sort(compareQueued).filter((job) => {
    if (job.notBefore !== null && job.notBefore > nowIso) return false;
    if (!job.array) return true;
    const running = taken.get(job.array.id) ?? 0;
    if (running >= job.array.parallelism) return false;
    taken.set(job.array.id, running + 1);
    return true;
  });
}
