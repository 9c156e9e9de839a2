/** What a node's job server answers for `GET /light|/medium|/heavy`. */
export const JOB_KINDS = ['light', 'medium', 'heavy'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface JobResult {
  job: JobKind;
  node: string;
  pod: string;
  /** Wall-clock time spent serving the job, in milliseconds. */
  elapsedMs: number;
  /** CPU time the job used, in milliseconds. */
  cpuMs: number;
  result: number;
}
