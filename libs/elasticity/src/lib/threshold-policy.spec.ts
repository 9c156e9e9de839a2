import {
  decideThreshold,
  InvalidPolicyError,
  type ThresholdPolicy,
  validateThresholdPolicy,
} from './threshold-policy';

const policy: ThresholdPolicy = {
  lower: 20,
  upper: 80,
  minNodes: 1,
  maxNodes: 4,
  step: 1,
  scaleOutCooldownMs: 10_000,
  scaleInCooldownMs: 30_000,
};
const window = (...values: number[]) => values.map((value, i) => ({ at: i * 1000, value }));
const NOW = 100_000;

describe('decideThreshold', () => {
  it.each([
    ['scales out above the upper threshold', window(95, 70), 2, {}, 3, 'AboveUpperThreshold'],
    ['scales in below the lower threshold', window(10, 20), 3, {}, 2, 'BelowLowerThreshold'],
    ['holds within the thresholds', window(50), 2, {}, 2, 'WithinThresholds'],
    ['holds at the maximum', window(99), 4, {}, 4, 'AtMaximum'],
    ['holds at the minimum', window(1), 1, {}, 1, 'AtMinimum'],
    [
      'holds during the scale-out cooldown',
      window(99),
      2,
      { lastScaleOutAt: NOW - 5_000 },
      2,
      'ScaleOutCooldown',
    ],
    [
      'scales out once the cooldown is over',
      window(99),
      2,
      { lastScaleOutAt: NOW - 10_000 },
      3,
      'AboveUpperThreshold',
    ],
    [
      'holds during the scale-in cooldown',
      window(1),
      3,
      { lastScaleInAt: NOW - 29_999 },
      3,
      'ScaleInCooldown',
    ],
    [
      'a scale-out does not delay a scale-in',
      window(1),
      3,
      { lastScaleOutAt: NOW - 1 },
      2,
      'BelowLowerThreshold',
    ],
    ['holds without metrics', window(), 2, {}, 2, 'NoMetrics'],
    ['restores the minimum first', window(), 0, {}, 1, 'BelowMinimum'],
    ['restores the maximum first', window(99), 6, {}, 4, 'AboveMaximum'],
  ] as const)('%s', (_name, samples, currentNodes, times, desired, reason) => {
    const decision = decideThreshold(policy, { window: samples, currentNodes, now: NOW, ...times });
    expect(decision).toMatchObject({ desiredNodes: desired, reason });
    expect(decision.message.length).toBeGreaterThan(0);
  });

  it('never steps past the bounds', () => {
    const big = { ...policy, step: 3 };
    expect(decideThreshold(big, { window: window(99), currentNodes: 3, now: NOW }).desiredNodes).toBe(4);
    expect(decideThreshold(big, { window: window(0), currentNodes: 2, now: NOW }).desiredNodes).toBe(1);
  });
});

describe('validateThresholdPolicy', () => {
  it.each([
    [{ lower: 80, upper: 20 }, 'must be below upper'],
    [{ minNodes: 5 }, 'must be between 0 and maxNodes'],
    [{ step: 0 }, 'step must be at least 1'],
  ])('rejects %j', (change, message) => {
    expect(() => validateThresholdPolicy({ ...policy, ...change })).toThrow(InvalidPolicyError);
    expect(() => validateThresholdPolicy({ ...policy, ...change })).toThrow(message);
  });

  it('accepts a sound policy', () => {
    expect(() => validateThresholdPolicy(policy)).not.toThrow();
  });
});
