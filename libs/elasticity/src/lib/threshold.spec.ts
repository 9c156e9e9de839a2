import { FakeClock } from '../testing/fake-clock';
import { input, NOW, reasonOf, samples } from '../testing/inputs';
import { decide } from './decide';
import { defaultThresholdPolicy } from './defaults';
import { initialScalingState } from './state';
import type { ScalingState, ThresholdPolicy } from './types';

// cpu, lower 20, upper 70, step 1, scale-out cooldown 3 s, scale-in cooldown 15 s, window 3 s, 1..4 nodes
const policy = defaultThresholdPolicy({ maxNodes: 4 });
const after = (times: Partial<ScalingState>): ScalingState => ({ ...initialScalingState(), ...times });

interface Row {
  name: string;
  change?: Partial<ThresholdPolicy>;
  current: number;
  /** Newest first, one a second. */
  values: number[];
  state?: ScalingState;
  desired: number;
  reason: string;
  able?: string;
  limited?: string;
}

// prettier-ignore
const rows: Row[] = [
  { name: 'scales out one step above the upper threshold', current: 2, values: [80, 75], desired: 3, reason: 'AboveUpperThreshold' },
  { name: 'scales in one step below the lower threshold', current: 3, values: [10, 15], desired: 2, reason: 'BelowLowerThreshold' },
  { name: 'holds within the thresholds', current: 2, values: [50], desired: 2, reason: 'WithinThresholds' },
  { name: 'averages the window rather than reacting to one sample', current: 2, values: [90, 30, 30], desired: 2, reason: 'WithinThresholds' },
  { name: 'ignores samples older than the window', current: 2, values: [50, 50, 50, 500], desired: 2, reason: 'WithinThresholds' },
  { name: 'holds at the maximum', current: 4, values: [99], desired: 4, reason: 'TooManyReplicas', limited: 'true/TooManyReplicas' },
  { name: 'holds at the minimum', current: 1, values: [1], desired: 1, reason: 'TooFewReplicas', limited: 'true/TooFewReplicas' },
  { name: 'clamps a step past the maximum', change: { step: 3 }, current: 3, values: [99], desired: 4, reason: 'AboveUpperThreshold', limited: 'true/TooManyReplicas' },
  { name: 'clamps a step past the minimum', change: { step: 3 }, current: 2, values: [1], desired: 1, reason: 'BelowLowerThreshold', limited: 'true/TooFewReplicas' },
  { name: 'holds a scale-out during its cooldown', current: 2, values: [99], state: after({ lastScaleOutAt: NOW - 2_999 }), desired: 2, reason: 'CooldownActive', able: 'false/BackoffBoth' },
  { name: 'scales out again once its cooldown has passed', current: 2, values: [99], state: after({ lastScaleOutAt: NOW - 3_000 }), desired: 3, reason: 'AboveUpperThreshold', able: 'false/BackoffDownscale' },
  { name: 'does not let a recent scale-in hold a scale-out', current: 2, values: [99], state: after({ lastScaleInAt: NOW - 1_000 }), desired: 3, reason: 'AboveUpperThreshold', able: 'false/BackoffDownscale' },
  { name: 'holds a scale-in for the scale-in cooldown after a scale-out', current: 3, values: [1], state: after({ lastScaleOutAt: NOW - 14_999 }), desired: 3, reason: 'CooldownActive', able: 'false/BackoffDownscale' },
  { name: 'scales in once the scale-in cooldown has passed since the scale-out', current: 3, values: [1], state: after({ lastScaleOutAt: NOW - 15_000 }), desired: 2, reason: 'BelowLowerThreshold' },
  { name: 'holds a scale-in during its own cooldown', current: 3, values: [1], state: after({ lastScaleInAt: NOW - 10_000 }), desired: 3, reason: 'CooldownActive', able: 'false/BackoffDownscale' },
  { name: 'holds without samples in the window', current: 2, values: [], desired: 2, reason: 'NoMetrics' },
  { name: 'restores the minimum first, even without metrics', current: 0, values: [], desired: 1, reason: 'BelowMinimum', limited: 'true/TooFewReplicas' },
  { name: 'restores the maximum first, even during a cooldown', current: 6, values: [99], state: after({ lastScaleInAt: NOW - 1 }), desired: 4, reason: 'AboveMaximum', able: 'false/BackoffDownscale', limited: 'true/TooManyReplicas' },
  { name: 'reports an invalid policy instead of throwing', change: { lower: 80 }, current: 2, values: [99], desired: 2, reason: 'InvalidPolicy', able: 'false/InvalidPolicy', limited: 'false/InvalidPolicy' },
];

describe('threshold policy', () => {
  it.each(rows)('$name', (row) => {
    const decision = decide(
      input(
        { ...policy, ...row.change },
        { currentNodes: row.current, samples: samples(...row.values), state: row.state },
      ),
    );
    expect(decision).toMatchObject({ desiredNodes: row.desired, reason: row.reason });
    expect(decision.direction).toBe(
      row.desired > row.current ? 'out' : row.desired < row.current ? 'in' : 'none',
    );
    expect(reasonOf(decision, 'AbleToScale')).toBe(row.able ?? 'true/ReadyForNewScale');
    expect(reasonOf(decision, 'ScalingLimited')).toBe(row.limited ?? 'false/DesiredWithinRange');
  });

  it('says whether the metric was usable', () => {
    expect(reasonOf(decide(input(policy, { samples: samples(50) })), 'ScalingActive')).toBe(
      'true/ValidMetricFound',
    );
    expect(reasonOf(decide(input(policy)), 'ScalingActive')).toBe('false/NoMetrics');
    expect(reasonOf(decide(input({ ...policy, step: 0 })), 'ScalingActive')).toBe('false/InvalidPolicy');
  });

  it('puts the numbers that led to the decision in the message', () => {
    const decision = decide(input(policy, { samples: samples(80, 75) }));
    expect(decision.message).toBe('cpu 77.5 above the upper threshold 70: 2 -> 3 nodes');
    expect(decision.metric).toBe(77.5);
  });

  it('says how long a cooldown still holds, not the clock time it ends at', () => {
    const state = after({ lastScaleOutAt: NOW - 2_000 });
    const decision = decide(input(policy, { currentNodes: 2, samples: samples(99), state }));
    expect(decision.message).toBe(
      'cpu 99 above the upper threshold 70; scale-out cooldown 1000 ms left, holding 2',
    );
  });

  it('steps out once per cooldown under a steady overload, as the clock advances', () => {
    const clock = new FakeClock(NOW);
    let nodes = 1;
    let state = initialScalingState();
    const outs: number[] = [];
    for (; clock.now <= NOW + 10_000; clock.advance(1_000)) {
      const now = clock.now;
      const decision = decide({
        ...input(policy),
        samples: [{ at: now, value: 99 }],
        currentNodes: nodes,
        readyNodes: nodes,
        now,
        state,
      });
      if (decision.direction === 'out') outs.push(now - NOW);
      nodes = decision.desiredNodes;
      state = decision.state;
    }
    expect(outs).toEqual([0, 3_000, 6_000]);
    expect(nodes).toBe(4);
  });
});
