import { defaultTargetTrackingPolicy, defaultThresholdPolicy } from './defaults';
import { InvalidPolicyError } from './invalid-policy.error';
import type { ScalingPolicy } from './types';
import { validatePolicy } from './validate';

const threshold = defaultThresholdPolicy();
const tracking = defaultTargetTrackingPolicy();

describe('validatePolicy', () => {
  it.each<[string, ScalingPolicy, string]>([
    ['lower above upper', { ...threshold, lower: 80, upper: 70 }, 'upper'],
    ['thresholds closer than 10 % of upper', { ...threshold, lower: 65, upper: 70 }, 'upper'],
    ['a negative lower threshold', { ...threshold, lower: -1 }, 'lower'],
    ['minNodes 0', { ...threshold, minNodes: 0 }, 'minNodes'],
    ['minNodes above maxNodes', { ...threshold, minNodes: 5, maxNodes: 4 }, 'maxNodes'],
    ['a fractional maxNodes', { ...threshold, maxNodes: 4.5 }, 'maxNodes'],
    ['step 0', { ...threshold, step: 0 }, 'step'],
    ['a negative scale-out cooldown', { ...threshold, scaleOutCooldownMs: -1 }, 'scaleOutCooldownMs'],
    ['a NaN scale-in cooldown', { ...threshold, scaleInCooldownMs: Number.NaN }, 'scaleInCooldownMs'],
    ['windowMs 0', { ...threshold, windowMs: 0 }, 'windowMs'],
    ['an unknown metric', { ...threshold, metric: 'memory' as never }, 'metric'],
    ['target 0', { ...tracking, target: 0 }, 'target'],
    ['tolerance 1', { ...tracking, tolerance: 1 }, 'tolerance'],
    ['a negative tolerance', { ...tracking, tolerance: -0.1 }, 'tolerance'],
    [
      'a negative stabilisation window',
      { ...tracking, scaleInStabilizationMs: -1 },
      'scaleInStabilizationMs',
    ],
    [
      'a rate limit that allows no growth',
      { ...tracking, scaleUpLimit: { percent: 0, nodes: 0, periodMs: 1 } },
      'scaleUpLimit',
    ],
    [
      'a rate-limit period of 0',
      { ...tracking, scaleUpLimit: { percent: 100, nodes: 4, periodMs: 0 } },
      'scaleUpLimit.periodMs',
    ],
    ['a missing scale-up limit', { ...tracking, scaleUpLimit: undefined as never }, 'scaleUpLimit'],
    ['an unknown kind', { ...threshold, kind: 'predictive' as never }, 'kind'],
  ])('rejects %s, naming the field', (_name, policy, field) => {
    expect(() => validatePolicy(policy)).toThrow(InvalidPolicyError);
    expect(() => validatePolicy(policy)).toThrow(new RegExp(`^${field.replace('.', '\\.')} `));
    try {
      validatePolicy(policy);
    } catch (error) {
      expect(error).toMatchObject({ field, code: 'INVALID_SCALING_POLICY' });
    }
  });

  it.each<[string, ScalingPolicy]>([
    ['the threshold defaults', threshold],
    ['the target-tracking defaults', tracking],
    ['thresholds exactly 10 % of upper apart', { ...threshold, lower: 63, upper: 70 }],
    [
      'zero cooldowns, as the course seeds had',
      { ...threshold, scaleOutCooldownMs: 0, scaleInCooldownMs: 0 },
    ],
    ['a single fixed size', { ...tracking, minNodes: 3, maxNodes: 3 }],
  ])('accepts %s', (_name, policy) => {
    expect(() => validatePolicy(policy)).not.toThrow();
  });
});
