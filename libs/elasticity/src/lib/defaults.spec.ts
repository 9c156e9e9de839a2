import { defaultTargetTrackingPolicy, defaultThresholdPolicy } from './defaults';
import type { ScalingMetric } from './types';
import { validatePolicy } from './validate';

describe('default policies', () => {
  it.each<ScalingMetric>(['cpu', 'requestsPerNode', 'latencyP90'])('are valid for %s', (metric) => {
    expect(() => validatePolicy(defaultThresholdPolicy({ metric }))).not.toThrow();
    expect(() => validatePolicy(defaultTargetTrackingPolicy({ metric }))).not.toThrow();
  });

  it('seed the threshold policy from the course: cpu 20/70, one node a step', () => {
    expect(defaultThresholdPolicy()).toEqual({
      kind: 'threshold',
      metric: 'cpu',
      lower: 20,
      upper: 70,
      minNodes: 1,
      maxNodes: 10,
      warmNodes: 0,
      step: 1,
      scaleOutCooldownMs: 3_000,
      scaleInCooldownMs: 15_000,
      windowMs: 3_000,
    });
  });

  it('take the thresholds of the chosen metric unless given', () => {
    expect(defaultThresholdPolicy({ metric: 'requestsPerNode' })).toMatchObject({ lower: 5, upper: 20 });
    expect(defaultThresholdPolicy({ metric: 'requestsPerNode', upper: 30 })).toMatchObject({
      lower: 5,
      upper: 30,
    });
  });

  it('follow HPA for target tracking, faster', () => {
    expect(defaultTargetTrackingPolicy({ maxNodes: 6 })).toEqual({
      kind: 'target-tracking',
      metric: 'cpu',
      target: 50,
      tolerance: 0.1,
      minNodes: 1,
      maxNodes: 6,
      warmNodes: 0,
      scaleInStabilizationMs: 30_000,
      scaleUpLimit: { percent: 100, nodes: 4, periodMs: 5_000 },
      windowMs: 3_000,
    });
  });

  it('merge a partial scale-up limit', () => {
    expect(defaultTargetTrackingPolicy({ scaleUpLimit: { nodes: 2 } }).scaleUpLimit).toEqual({
      percent: 100,
      nodes: 2,
      periodMs: 5_000,
    });
  });

  it('keep the default for an override given as undefined, as parsed CLI options are', () => {
    expect(defaultThresholdPolicy({ lower: undefined, upper: 60 })).toMatchObject({ lower: 20, upper: 60 });
    expect(
      defaultTargetTrackingPolicy({ target: undefined, scaleUpLimit: { nodes: undefined } }),
    ).toMatchObject({
      target: 50,
      scaleUpLimit: { nodes: 4 },
    });
  });
});
