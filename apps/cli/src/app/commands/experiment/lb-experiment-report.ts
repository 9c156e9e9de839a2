import type { CapacityResult, LoadResult } from '@strato/loadgen';
import type { NodeShare } from './pod-readings';

/** One algorithm at one load: what the generator saw and what the cloud counted. */
export interface LbRun {
  algorithm: string;
  /** Of the pod's measured capacity: 0.5 is half of it. */
  loadFraction: number;
  targetRatePerSecond: number;
  result: LoadResult;
  nodes: NodeShare[];
  /** Requests the load balancer counted for the pod's nodes during the run. */
  balancerCounted: number;
  /** What went wrong with the load itself (late or dropped sends). */
  warnings: string[];
}

export interface LbPodResult {
  pod: string;
  cpus: number;
  job: { kind: string; scale: number };
  nodes: string[];
  capacity: CapacityResult & { algorithm: string; nodes: NodeShare[]; balancerCounted: number };
  runs: LbRun[];
}

export interface LbExperimentReport {
  kind: 'experiment-lb';
  version: 1;
  startedAt: string;
  finishedAt: string;
  balancer: { kind: string; url: string };
  settings: {
    pods: string[];
    algorithms: string[];
    nodes: number | null;
    loads: number[];
    durationS: number;
    capacityS: number;
    seed: number;
  };
  loadModel: string;
  latencyFrom: string;
  pods: LbPodResult[];
}
