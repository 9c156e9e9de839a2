import type { Job } from '@strato/api-client';

/** "heavy (scale 2)" for a workload, "sh script (58 B)" for a script. */
export function jobWhat(job: Job): string {
  if (job.workload) {
    const params = Object.entries(job.workload.params).map(([name, value]) => `${name} ${value}`);
    return params.length ? `${job.workload.name} (${params.join(', ')})` : job.workload.name;
  }
  return job.script ? `${job.script.interpreter} script (${job.script.sourceBytes} B)` : '—';
}

/** "exit 0", "signal SIGKILL", "NodeLost (exit 137)": how an attempt ended, once it did. */
export function endOf(ended: Pick<Job, 'exitCode' | 'signal' | 'reason'>): string | null {
  const how =
    ended.exitCode !== null
      ? `exit ${ended.exitCode}`
      : ended.signal !== null
        ? `signal ${ended.signal}`
        : null;
  if (ended.reason) return how ? `${ended.reason} (${how})` : ended.reason;
  return how;
}

/** "2 of 3": the attempt under way (or last) of the most the retry policy allows. */
export function attemptOf(job: Job): string {
  return `${job.attempt} of ${job.retry.maxRetries + 1}`;
}

/** "850 ms", "12.3 s", "4 min 5 s", "2 h 10 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** The last attempt's run time; while it runs, so far (counted to `now`). */
export function runTime(job: Job, now: number): string | null {
  if (job.durationMs !== null) return formatDuration(job.durationMs);
  if (job.status === 'RUNNING' && job.startedAt)
    return `${formatDuration(now - Date.parse(job.startedAt))} so far`;
  return null;
}

/** Whether the job may still change: it can be aborted and its logs followed. */
export function isActive(job: Pick<Job, 'status'>): boolean {
  return job.status === 'QUEUED' || job.status === 'RUNNING';
}
