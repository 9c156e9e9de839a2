import type { CapacityResult, LoadResult } from '@strato/loadgen';
import type { ElasticityMeasures, NodeSample } from './elasticity-measures';
import type { PolicyFields } from './elasticity-policies';

export type ScenarioName = 'step' | 'spike';

/** One load shape: base, then peak from riseS to fallS, then base again (requests/s, seconds). */
export interface Scenario {
  name: ScenarioName;
  baseRate: number;
  peakRate: number;
  riseS: number;
  fallS: number;
  durationS: number;
}

export interface ElasticityRun {
  policy: string;
  /** What was set on the pod for the run (the rest kept the pod's own values). */
  fields: PolicyFields;
  scenario: Scenario;
  result: LoadResult;
  samples: NodeSample[];
  measures: ElasticityMeasures;
  warnings: string[];
}

export interface ElasticityExperimentReport {
  kind: 'experiment-elasticity';
  version: 1;
  startedAt: string;
  finishedAt: string;
  balancer: { kind: string; url: string };
  pod: { name: string; cpus: number; job: { kind: string; scale: number } };
  settings: {
    minNodes: number;
    maxNodes: number;
    sloMs: number;
    seed: number;
    base: number;
    peak: number;
  };
  /** Measured on minNodes nodes, then divided: what one node serves. */
  capacity: CapacityResult & { nodes: number; perNodePerSecond: number };
  loadModel: string;
  latencyFrom: string;
  demandModel: string;
  runs: ElasticityRun[];
}
