/** A numeric parameter of a catalogue workload; a submit that leaves it out gets the default. */
export interface WorkloadParam {
  description: string;
  min: number;
  max: number;
  default: number;
  integer: boolean;
}

export interface BatchWorkload {
  description: string;
  params: Readonly<Record<string, WorkloadParam>>;
}

const SCALE: WorkloadParam = {
  description: "work size relative to the kind's standard job",
  min: 0.01,
  max: 10,
  default: 1,
  integer: false,
};

/**
 * What a batch job may run besides a script: the job server's own CPU/memory work (light, medium, heavy,
 * the request jobs' kinds) once, and a sleep, useful to try timeouts and aborts.
 */
export const BATCH_WORKLOADS = {
  light: { description: 'the light request job, once (milliseconds of CPU)', params: { scale: SCALE } },
  medium: { description: 'the medium request job, once (CPU and 32 MiB)', params: { scale: SCALE } },
  heavy: { description: 'the heavy request job, once (seconds of CPU)', params: { scale: SCALE } },
  sleep: {
    description: 'waits, using no CPU',
    params: {
      seconds: { description: 'how long', min: 0, max: 86_400, default: 10, integer: false },
    },
  },
} as const satisfies Record<string, BatchWorkload>;

export type BatchWorkloadName = keyof typeof BATCH_WORKLOADS;
export const BATCH_WORKLOAD_NAMES = Object.keys(BATCH_WORKLOADS) as BatchWorkloadName[];
