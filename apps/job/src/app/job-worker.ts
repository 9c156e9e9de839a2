import type { MessagePort } from 'node:worker_threads';
import type { JobKind } from '@strato/contracts';
import { runWorkload, WORKLOADS } from './workloads';

export interface JobTask {
  id: number;
  kind: JobKind;
  scale: number;
}

export interface JobOutcome {
  id: number;
  result: number;
  /** Wall-clock time of the work itself, in milliseconds. */
  elapsedMs: number;
  /** CPU time over the work, in milliseconds (the process's: exact while one job runs at a time). */
  cpuMs: number;
}

/** Runs one job where it is called and measures it. */
export function runJob(task: JobTask): JobOutcome {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const result = runWorkload(WORKLOADS[task.kind], task.scale);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    id: task.id,
    result,
    elapsedMs: Number(process.hrtime.bigint() - started) / 1e6,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

/** The body of a job thread: one job at a time, as the main thread sends them. */
export function serveJobs(port: MessagePort): void {
  port.on('message', (task: JobTask) => port.postMessage(runJob(task)));
}
