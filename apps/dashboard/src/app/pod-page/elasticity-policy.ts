import type { Elasticity } from '@strato/api-client';
import type { ElasticityChange } from '../api/elasticity.api';
import {
  fieldsOf,
  METRICS,
  NUMBER_FIELDS,
  type NumberFieldName,
  type PolicyKind,
  type ScalingMetric,
} from './elasticity-fields';

/** The elasticity form's value: empty numbers are left to the manager (its value, or its default). */
export type PolicyForm = { kind: PolicyKind; metric: ScalingMetric } & Record<NumberFieldName, number | null>;

const isMetric = (value: unknown): value is ScalingMetric => typeof value === 'string' && value in METRICS;

/** The form filled from the manager's policy (typed loosely in the API: it is one of two shapes). */
export function formFromPolicy(elasticity: Elasticity): PolicyForm {
  const policy = elasticity.policy as Record<string, unknown>;
  const numbers = Object.fromEntries(
    NUMBER_FIELDS.map(({ name }) => [name, typeof policy[name] === 'number' ? policy[name] : null]),
  ) as Record<NumberFieldName, number | null>;
  return {
    kind: policy['kind'] === 'target-tracking' ? 'target-tracking' : 'threshold',
    metric: isMetric(policy['metric']) ? policy['metric'] : 'cpu',
    ...numbers,
  };
}

/** The change to send: the kind, the metric and the filled-in fields of that kind. */
export function changeFromForm(form: PolicyForm): ElasticityChange {
  const change: ElasticityChange = { kind: form.kind, metric: form.metric };
  for (const { name } of fieldsOf(form.kind)) {
    const value = form[name];
    if (value !== null) change[name] = value;
  }
  return change;
}
