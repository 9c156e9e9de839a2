import { simulate } from '../testing/simulation';
import { defaultTargetTrackingPolicy, defaultThresholdPolicy } from './defaults';
import { directionChanges } from './state';
import type { ScalingPolicy } from './types';

const FIVE_MINUTES = 300_000;
const threshold = defaultThresholdPolicy();
const tracking = defaultTargetTrackingPolicy();
// Pod-wide load in CPU % of one node's cap: 140 is two nodes at 70 %. Each node saturates at 100 %.
const steady = (load: number) => () => load;

describe('flapping: a steady load jittering ±5 % near a threshold for 5 minutes at 1 s ticks', () => {
  it.each<[string, ScalingPolicy, number, number, number]>([
    // name, policy, start nodes, load, scale events at most (a first correction, then none)
    ['threshold, around the upper threshold on 2 nodes', threshold, 2, 140, 1],
    ['threshold, around the upper threshold on 1 node', threshold, 1, 70, 1],
    ['threshold, around the lower threshold on 4 nodes', threshold, 4, 80, 1],
    ['target tracking, around the target on 4 nodes', tracking, 4, 200, 0],
    ['target tracking, around the upper tolerance edge on 4 nodes', tracking, 4, 220, 1],
    ['target tracking, around the upper tolerance edge on 1 node', tracking, 1, 55, 1],
    ['target tracking, around the lower tolerance edge on 4 nodes', tracking, 4, 180, 1],
  ])('%s: no direction change', (_name, policy, startNodes, load, maxEvents) => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const run = simulate({
        policy,
        load: steady(load),
        startNodes,
        durationMs: FIVE_MINUTES,
        jitter: 0.05,
        seed,
        capPerNode: 100,
      });
      expect(directionChanges(run.events)).toBe(0);
      expect(run.events.length).toBeLessThanOrEqual(maxEvents);
    }
  });

  it.each<[string, ScalingPolicy, number, number]>([
    [
      'close thresholds without cooldowns',
      { ...threshold, lower: 60, upper: 70, scaleOutCooldownMs: 0, scaleInCooldownMs: 0, windowMs: 1_000 },
      2,
      140,
    ],
    [
      'tracking without tolerance or stabilisation',
      { ...tracking, tolerance: 0, scaleInStabilizationMs: 0, windowMs: 1_000 },
      4,
      200,
    ],
  ])('does flap with %s (the check detects flapping)', (_name, policy, startNodes, load) => {
    const run = simulate({
      policy,
      load: steady(load),
      startNodes,
      durationMs: FIVE_MINUTES,
      jitter: 0.05,
      capPerNode: 100,
    });
    expect(directionChanges(run.events)).toBeGreaterThan(10);
  });
});

describe('a load stepping low → high → low', () => {
  // 30 (one node at 30 %) for a minute, 300 for two minutes, then 30 again; nodes ready 2 s after launch
  const HIGH_FROM = 60_000;
  const HIGH_UNTIL = 180_000;
  const step = (t: number) => (t >= HIGH_FROM && t < HIGH_UNTIL ? 300 : 30);

  it.each<[string, ScalingPolicy, number, number, number, number]>([
    // name, policy, nodes needed while high, s to reach them, scale-outs, scale-ins
    ['threshold: up to 300/70 → 5 nodes one step per cooldown, down one per 15 s', threshold, 5, 12, 4, 4],
    ['target tracking: up to 300/50 → 6 nodes, down in one stabilised sweep', tracking, 6, 8, 5, 3],
  ])('%s', (_name, policy, needed, secondsToReach, outs, ins) => {
    const run = simulate({
      policy,
      load: step,
      startNodes: 1,
      durationMs: FIVE_MINUTES,
      jitter: 0.05,
      capPerNode: 100,
    });
    const firstOut = run.events.find((e) => e.to > e.from);
    expect(firstOut && firstOut.at - HIGH_FROM).toBeLessThanOrEqual(2_000);
    expect(run.nodesAt(HIGH_FROM + secondsToReach * 1_000)).toBe(needed);
    expect(run.nodesAt(HIGH_UNTIL - 1)).toBe(needed);
    expect(run.peakNodes).toBe(needed);
    expect(run.finalNodes).toBe(1);
    expect(run.events.filter((e) => e.to > e.from)).toHaveLength(outs);
    expect(run.events.filter((e) => e.to < e.from)).toHaveLength(ins);
    expect(run.events.every((e) => e.to > e.from === e.at < HIGH_UNTIL)).toBe(true);
    expect(directionChanges(run.events)).toBe(1);
  });

  it('overshoots when samples do not say how many nodes they were averaged over (why MetricSample.nodes exists)', () => {
    const run = simulate({
      policy: tracking,
      load: step,
      startNodes: 1,
      durationMs: FIVE_MINUTES,
      jitter: 0.05,
      capPerNode: 100,
      countNodes: false,
    });
    expect(run.peakNodes).toBeGreaterThan(6);
    expect(run.events.some((e) => e.to < e.from && e.at < HIGH_UNTIL)).toBe(true);
  });
});
