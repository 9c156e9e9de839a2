import type { ElasticityChange } from '../api/elasticity.api';

export type PolicyKind = NonNullable<ElasticityChange['kind']>;
export type ScalingMetric = NonNullable<ElasticityChange['metric']>;

type NumericKey = {
  [K in keyof ElasticityChange]-?: NonNullable<ElasticityChange[K]> extends number ? K : never;
}[keyof ElasticityChange];

export interface NumberField {
  readonly name: NumericKey;
  readonly label: string;
  /** The policies that have it. */
  readonly kinds: readonly PolicyKind[];
  readonly min: number;
  readonly max?: number;
  /** 1 for counts and durations; fractions elsewhere. */
  readonly step: number | 'any';
}

export const POLICY_KINDS: Record<PolicyKind, string> = {
  threshold: 'Thresholds (scale out above, in below)',
  'target-tracking': 'Target tracking (hold a value)',
};

/** What each metric measures, as UpdateElasticityDto documents it. */
export const METRICS: Record<ScalingMetric, string> = {
  cpu: 'CPU, % of the node cap',
  requestsPerNode: 'Requests per node, req/s',
  latencyP90: 'Latency p90, ms',
  queueDepth: 'Requests per job thread',
  jobBacklog: 'Batch jobs per slot',
};

const both: readonly PolicyKind[] = ['threshold', 'target-tracking'];

export const NUMBER_FIELDS = [
  { name: 'lower', label: 'Scale in below', kinds: ['threshold'], min: 0, step: 'any' },
  { name: 'upper', label: 'Scale out above', kinds: ['threshold'], min: 0, step: 'any' },
  { name: 'target', label: 'Target value', kinds: ['target-tracking'], min: 0, step: 'any' },
  {
    name: 'tolerance',
    label: 'Tolerance (0–0.99)',
    kinds: ['target-tracking'],
    min: 0,
    max: 0.99,
    step: 0.01,
  },
  { name: 'minNodes', label: 'Fewest nodes', kinds: both, min: 0, step: 1 },
  { name: 'maxNodes', label: 'Most nodes', kinds: both, min: 1, step: 1 },
  { name: 'warmNodes', label: 'Warm nodes (standby)', kinds: both, min: 0, step: 1 },
  { name: 'step', label: 'Nodes per step', kinds: ['threshold'], min: 1, step: 1 },
  { name: 'scaleOutCooldownMs', label: 'Scale-out cooldown, ms', kinds: ['threshold'], min: 0, step: 1 },
  { name: 'scaleInCooldownMs', label: 'Scale-in cooldown, ms', kinds: ['threshold'], min: 0, step: 1 },
  {
    name: 'scaleInStabilizationMs',
    label: 'Scale-in stabilisation, ms',
    kinds: ['target-tracking'],
    min: 0,
    step: 1,
  },
  { name: 'windowMs', label: 'Metric window, ms', kinds: both, min: 100, step: 1 },
] as const satisfies readonly NumberField[];

export type NumberFieldName = (typeof NUMBER_FIELDS)[number]['name'];

export const fieldsOf = (kind: PolicyKind): readonly NumberField[] =>
  NUMBER_FIELDS.filter((field) => (field.kinds as readonly PolicyKind[]).includes(kind));
