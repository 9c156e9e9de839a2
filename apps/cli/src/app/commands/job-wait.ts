import { type Job, unwrap } from '@strato/api-client';
import ora from 'ora';
import { jobEnd } from '../columns';
import type { CommandContext } from '../context';
import { CommandFailedError, EXIT } from '../exit-codes';

const FINAL = new Set(['SUCCEEDED', 'FAILED', 'ABORTED', 'TIMED_OUT']);

/** One line on how a job (or an array's tasks) stands; `key` leaves the clock out, to tell a change. */
export function progressLine(jobs: Job[], elapsedMs: number): { text: string; key: string } {
  const elapsed = `${Math.round(elapsedMs / 1000)} s`;
  if (jobs.length === 1) {
    const [job] = jobs;
    const where = job.node ? ` on ${job.node}` : '';
    const attempt = job.attempt > 1 ? `, attempt ${job.attempt}` : '';
    const key =
      job.status === 'QUEUED' && job.attempt > 0
        ? `job ${job.id} QUEUED again after ${jobEnd(job) ?? 'its attempt'}${attempt}`
        : FINAL.has(job.status)
          ? `job ${job.id} ${job.status}${jobEnd(job) ? ` (${jobEnd(job)})` : ''}${attempt}`
          : `job ${job.id} ${job.abortRequested ? 'ABORTING' : job.status}${where}${attempt}`;
    return { text: `${key}, ${elapsed}`, key };
  }
  const counts = new Map<string, number>();
  for (const job of jobs) counts.set(job.status, (counts.get(job.status) ?? 0) + 1);
  const parts = ['SUCCEEDED', 'RUNNING', 'QUEUED', 'FAILED', 'TIMED_OUT', 'ABORTED']
    .filter((status) => counts.has(status))
    .map((status) => `${counts.get(status)} ${status}`);
  const key = `array ${jobs[0].array?.id ?? jobs[0].id}: ${parts.join(', ')} of ${jobs.length}`;
  return { text: `${key}, ${elapsed}`, key };
}

/**
 * Polls until every job ended, with a progress line (a spinner on a terminal, a line per change elsewhere,
 * nothing with --json); throws CommandFailedError (exit 4) when one did not succeed.
 */
export async function waitForJobs(ctx: CommandContext, submitted: Job[], pollMs = 500): Promise<Job[]> {
  const arrayId = submitted.length > 1 ? submitted[0].array?.id : undefined;
  const read = async (): Promise<Job[]> =>
    arrayId
      ? unwrap(ctx.client.GET('/api/v1/jobs', { params: { query: { array: arrayId, limit: 1000 } } }))
      : [await unwrap(ctx.client.GET('/api/v1/jobs/{id}', { params: { path: { id: submitted[0].id } } }))];
  const started = Date.now();
  const spinner = !ctx.json && process.stderr.isTTY ? ora({ stream: process.stderr }).start() : undefined;
  let lastKey = '';
  try {
    for (;;) {
      const jobs = await read();
      const line = progressLine(jobs, Date.now() - started);
      const done = jobs.every((job) => FINAL.has(job.status));
      if (spinner) spinner.text = line.text;
      else if (!ctx.json && line.key !== lastKey) ctx.output.err(line.text);
      lastKey = line.key;
      if (done) {
        const failed = jobs.filter((job) => job.status !== 'SUCCEEDED');
        if (spinner && failed.length > 0) spinner.fail(line.text);
        else if (spinner) spinner.succeed(line.text);
        if (ctx.json) ctx.output.out(JSON.stringify(arrayId ? jobs : jobs[0], null, 2));
        if (failed.length > 0)
          throw new CommandFailedError(
            `${failed.length === 1 ? `job ${failed[0].id} ended ${failed[0].status}` : `${failed.length} tasks did not succeed`}; \`cloud job log ${failed[0].id}\` shows its output`,
            EXIT.jobFailed,
          );
        return jobs;
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    if (spinner?.isSpinning) spinner.stop();
  }
}
