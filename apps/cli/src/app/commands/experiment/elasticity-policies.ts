import type { components } from '@strato/api-client';
import { CommandFailedError, EXIT } from '../../exit-codes';

export type PolicyFields = Omit<components['schemas']['UpdateElasticityDto'], 'enabled'>;

/** A policy under test: a name for the report and the fields it sets (the rest keep the pod's). */
export interface NamedPolicy {
  name: string;
  fields: PolicyFields;
  /** requestsPerNode targets are set from the measured capacity: this share of what one node serves. */
  targetOfCapacity?: number;
}

/** Policies worth comparing, by name; `--policy NAME:key=value,…` gives others. */
export const POLICY_PRESETS: Record<string, Omit<NamedPolicy, 'name'>> = {
  cpu: { fields: { kind: 'threshold', metric: 'cpu', lower: 20, upper: 70 } },
  'target-cpu': { fields: { kind: 'target-tracking', metric: 'cpu', target: 50 } },
  queue: { fields: { kind: 'target-tracking', metric: 'queueDepth', target: 0.8 } },
  rps: { fields: { kind: 'target-tracking', metric: 'requestsPerNode' }, targetOfCapacity: 0.7 },
};

export const NUMBER_FIELDS = [
  'lower',
  'upper',
  'target',
  'tolerance',
  'warmNodes',
  'step',
  'scaleOutCooldownMs',
  'scaleInCooldownMs',
  'scaleInStabilizationMs',
  'windowMs',
] as const;
/** Every field of a policy the elasticity API takes, to set one whole. */
export const POLICY_KEYS = ['kind', 'metric', 'minNodes', 'maxNodes', ...NUMBER_FIELDS] as const;

const METRICS = ['cpu', 'requestsPerNode', 'latencyP90', 'queueDepth', 'jobBacklog'] as const;

const usage = (message: string) => new CommandFailedError(message, EXIT.usage);

/** `cpu`, or `fast:kind=threshold,metric=cpu,upper=60,scaleOutCooldownMs=1000`. */
export function parsePolicy(spec: string): NamedPolicy {
  const [name, body] = spec.split(/:(.*)/s, 2);
  if (body === undefined) {
    const preset = POLICY_PRESETS[name];
    if (!preset)
      throw usage(
        `unknown policy "${name}": give one of ${Object.keys(POLICY_PRESETS).join(', ')}, or NAME:kind=threshold,metric=cpu,lower=20,upper=70`,
      );
    return { name, ...preset };
  }
  if (!/^[\w.-]{1,40}$/.test(name)) throw usage(`policy "${spec}": name it with letters, digits, - or _`);
  const fields: PolicyFields = {};
  for (const pair of body.split(',')) {
    const [key, value] = pair.split('=');
    if (key === 'kind') {
      if (value !== 'threshold' && value !== 'target-tracking')
        throw usage(`policy ${name}: kind is threshold or target-tracking, got "${value}"`);
      fields.kind = value;
    } else if (key === 'metric') {
      if (!(METRICS as readonly string[]).includes(value))
        throw usage(`policy ${name}: metric is one of ${METRICS.join(', ')}, got "${value}"`);
      fields.metric = value as (typeof METRICS)[number];
    } else if ((NUMBER_FIELDS as readonly string[]).includes(key)) {
      const n = Number(value);
      if (value === undefined || value === '' || !Number.isFinite(n))
        throw usage(`policy ${name}: ${key} must be a number, got "${value}"`);
      fields[key as (typeof NUMBER_FIELDS)[number]] = n;
    } else {
      throw usage(`policy ${name}: unknown field "${key}"; known: kind, metric, ${NUMBER_FIELDS.join(', ')}`);
    }
  }
  if (!fields.kind) throw usage(`policy ${name}: say its kind=threshold or kind=target-tracking`);
  return { name, fields };
}
