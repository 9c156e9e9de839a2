import { input, NOW, reasonOf, samples } from '../testing/inputs';
import { decide } from './decide';
import { defaultTargetTrackingPolicy } from './defaults';
import { initialScalingState } from './state';
import type { ScalingState, TargetTrackingPolicy } from './types';

// cpu, target 50, tolerance 0.1, 1..10 nodes, scale-in stabilisation 30 s, scale-up +100 % or +4 per 5 s
const policy = defaultTargetTrackingPolicy();
const recs = (...list: [msAgo: number, nodes: number][]): ScalingState => ({
  ...initialScalingState(),
  recommendations: list.map(([ago, nodes]) => ({ at: NOW - ago, nodes })),
});
const scaledOut = (msAgo: number, from: number, to: number): ScalingState => ({
  ...initialScalingState(),
  lastScaleOutAt: NOW - msAgo,
  scaleEvents: [{ at: NOW - msAgo, from, to }],
});

interface Row {
  name: string;
  change?: Partial<TargetTrackingPolicy>;
  current: number;
  /** Defaults to current. */
  ready?: number;
  metric: number;
  state?: ScalingState;
  desired: number;
  reason: string;
  able?: string;
  limited?: string;
}

// prettier-ignore
const rows: Row[] = [
  { name: 'scales out to ceil(current × metric / target)', current: 4, metric: 80, desired: 7, reason: 'AboveTarget' },
  { name: 'scales in to ceil(current × metric / target)', current: 4, metric: 20, desired: 2, reason: 'BelowTarget' },
  { name: 'holds within the tolerance', current: 4, metric: 54, desired: 4, reason: 'WithinTolerance' },
  { name: 'acts just outside the tolerance', current: 4, metric: 56, desired: 5, reason: 'AboveTarget' },
  { name: 'acts on any difference with tolerance 0', change: { tolerance: 0 }, current: 4, metric: 51, desired: 5, reason: 'AboveTarget' },
  { name: 'does not round 60/50 of 5 nodes up to 7', current: 5, metric: 60, desired: 6, reason: 'AboveTarget' },
  { name: 'holds a scale-out that the not-ready nodes, counted at 0, would absorb', current: 4, ready: 2, metric: 90, desired: 4, reason: 'AwaitingReadyNodes' },
  { name: 'scales out for the load the ready nodes alone cannot carry', current: 4, ready: 2, metric: 150, desired: 6, reason: 'AboveTarget' },
  { name: 'counts not-ready nodes at the target when scaling in', current: 4, ready: 2, metric: 10, desired: 3, reason: 'BelowTarget' },
  { name: 'holds a scale-in that the not-ready nodes would undo', current: 4, ready: 3, metric: 44, desired: 4, reason: 'AwaitingReadyNodes' },
  { name: 'scales in only to the highest recommendation of the stabilisation window', current: 6, metric: 10, state: recs([20_000, 5], [5_000, 3]), desired: 5, reason: 'BelowTarget', able: 'true/ScaleDownStabilized' },
  { name: 'holds while the window still recommends the current count', current: 6, metric: 10, state: recs([29_999, 6]), desired: 6, reason: 'ScaleDownStabilized', able: 'true/ScaleDownStabilized' },
  { name: 'forgets recommendations older than the window', current: 6, metric: 10, state: recs([30_000, 6]), desired: 2, reason: 'BelowTarget' },
  { name: 'never scales out because of an old, higher recommendation', current: 4, metric: 20, state: recs([1_000, 9]), desired: 4, reason: 'ScaleDownStabilized', able: 'true/ScaleDownStabilized' },
  { name: 'scales in at once with a zero stabilisation window', change: { scaleInStabilizationMs: 0 }, current: 6, metric: 10, state: recs([1, 6]), desired: 2, reason: 'BelowTarget' },
  { name: 'limits a scale-out to max(2×, +4) per period', current: 2, metric: 500, desired: 6, reason: 'AboveTarget', limited: 'true/ScaleUpLimit' },
  { name: 'doubles rather than adds 4 when doubling is more', change: { maxNodes: 20 }, current: 6, metric: 500, desired: 12, reason: 'AboveTarget', limited: 'true/ScaleUpLimit' },
  { name: 'measures the limit from the node count at the start of the period', current: 6, metric: 500, state: scaledOut(4_999, 2, 6), desired: 6, reason: 'ScaleUpLimit', limited: 'true/ScaleUpLimit' },
  { name: 'allows the next doubling in the next period', change: { maxNodes: 20 }, current: 6, metric: 500, state: scaledOut(5_000, 2, 6), desired: 12, reason: 'AboveTarget', limited: 'true/ScaleUpLimit' },
  { name: 'applies a percent-only limit exactly', change: { scaleUpLimit: { percent: 50, nodes: 0, periodMs: 5_000 } }, current: 4, metric: 500, desired: 6, reason: 'AboveTarget', limited: 'true/ScaleUpLimit' },
  { name: 'clamps to the maximum', current: 8, metric: 80, desired: 10, reason: 'AboveTarget', limited: 'true/TooManyReplicas' },
  { name: 'holds at the maximum', current: 10, metric: 80, desired: 10, reason: 'TooManyReplicas', limited: 'true/TooManyReplicas' },
  { name: 'clamps to the minimum', change: { minNodes: 3 }, current: 4, metric: 10, desired: 3, reason: 'BelowTarget', limited: 'true/TooFewReplicas' },
  { name: 'asks nothing below one node', current: 1, metric: 5, desired: 1, reason: 'BelowTarget' },
  { name: 'restores the maximum first', current: 12, metric: 10, desired: 10, reason: 'AboveMaximum', limited: 'true/TooManyReplicas' },
];

describe('target-tracking policy', () => {
  it.each(rows)('$name', (row) => {
    const decision = decide(
      input(
        { ...policy, ...row.change },
        {
          currentNodes: row.current,
          readyNodes: row.ready ?? row.current,
          samples: samples(row.metric),
          state: row.state,
        },
      ),
    );
    expect(decision).toMatchObject({ desiredNodes: row.desired, reason: row.reason, metric: row.metric });
    expect(decision.direction).toBe(
      row.desired > row.current ? 'out' : row.desired < row.current ? 'in' : 'none',
    );
    expect(reasonOf(decision, 'AbleToScale')).toBe(row.able ?? 'true/ReadyForNewScale');
    expect(reasonOf(decision, 'ScalingLimited')).toBe(row.limited ?? 'false/DesiredWithinRange');
  });

  it('holds without samples, marking scaling inactive and recording no recommendation', () => {
    const decision = decide(input(policy, { currentNodes: 3, readyNodes: 3, state: recs([1_000, 5]) }));
    expect(decision).toMatchObject({ desiredNodes: 3, direction: 'none', reason: 'NoMetrics', metric: null });
    expect(reasonOf(decision, 'ScalingActive')).toBe('false/NoMetrics');
    expect(decision.state.recommendations).toEqual([{ at: NOW - 1_000, nodes: 5 }]);
  });

  it('explains a held decision with the numbers', () => {
    const decision = decide(
      input(policy, { currentNodes: 6, readyNodes: 6, samples: samples(10), state: recs([29_999, 6]) }),
    );
    expect(decision.message).toBe(
      'cpu 10 vs target 50 (ratio 0.20) asks 2 nodes; held at 6: recent recommendations were higher than 2: applying the highest of the last 30000 ms, 6',
    );
  });
});
