import { input, NOW, samples } from '../testing/inputs';
import { decide } from './decide';
import { defaultTargetTrackingPolicy, defaultThresholdPolicy } from './defaults';
import { directionChanges, initialScalingState } from './state';
import type { ScaleEvent, ScalingState } from './types';

const threshold = defaultThresholdPolicy();
const tracking = defaultTargetTrackingPolicy();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
}

describe('decide', () => {
  it('reports AbleToScale, ScalingActive and ScalingLimited, in that order, on every pass', () => {
    for (const policy of [threshold, tracking, { ...threshold, step: 0 }]) {
      const types = decide(input(policy, { samples: samples(50) })).conditions.map((c) => c.type);
      expect(types).toEqual(['AbleToScale', 'ScalingActive', 'ScalingLimited']);
    }
  });

  it('records a scale-out as an event and as the last scale-out', () => {
    const { state } = decide(input(threshold, { samples: samples(99) }));
    expect(state).toEqual({
      lastScaleOutAt: NOW,
      recommendations: [],
      scaleEvents: [{ at: NOW, from: 2, to: 3 }],
    });
  });

  it('records a scale-in as the last scale-in, keeping the last scale-out', () => {
    const before: ScalingState = { ...initialScalingState(), lastScaleOutAt: NOW - 60_000 };
    const { state } = decide(
      input(threshold, { currentNodes: 3, readyNodes: 3, samples: samples(1), state: before }),
    );
    expect(state).toMatchObject({ lastScaleOutAt: NOW - 60_000, lastScaleInAt: NOW });
  });

  it('records no event when it holds', () => {
    expect(decide(input(threshold, { samples: samples(50) })).state.scaleEvents).toEqual([]);
  });

  it('records the raw recommendation, not the stabilised one', () => {
    const before: ScalingState = {
      ...initialScalingState(),
      recommendations: [{ at: NOW - 1_000, nodes: 6 }],
    };
    const decision = decide(
      input(tracking, { currentNodes: 6, readyNodes: 6, samples: samples(10), state: before }),
    );
    expect(decision.desiredNodes).toBe(6);
    expect(decision.state.recommendations).toEqual([
      { at: NOW - 1_000, nodes: 6 },
      { at: NOW, nodes: 2 },
    ]);
  });

  it('drops history older than the policy looks back', () => {
    const old: ScalingState = {
      recommendations: [{ at: NOW - 30_000, nodes: 9 }],
      scaleEvents: [{ at: NOW - 30_000, from: 1, to: 2 }],
    };
    const { state } = decide(input(tracking, { samples: samples(50), state: old }));
    expect(state.recommendations).toEqual([{ at: NOW, nodes: 2 }]);
    expect(state.scaleEvents).toEqual([]);
  });

  it('never mutates the input it is given', () => {
    const frozen = deepFreeze(
      input(tracking, {
        samples: samples(90),
        state: { recommendations: [{ at: NOW - 1, nodes: 2 }], scaleEvents: [] },
      }),
    );
    expect(() => decide(frozen)).not.toThrow();
    expect(frozen.state.recommendations).toHaveLength(1);
  });

  it('gives the same answer for the same input', () => {
    const same = input(tracking, { currentNodes: 4, readyNodes: 3, samples: samples(70, 80, 90) });
    expect(decide(same)).toEqual(decide(same));
  });
});

describe('directionChanges', () => {
  const e = (from: number, to: number, at = 0): ScaleEvent => ({ at, from, to });
  it.each<[string, ScaleEvent[], number]>([
    ['none without events', [], 0],
    ['none while only scaling out', [e(1, 2), e(2, 4)], 0],
    ['one for out then in', [e(1, 3), e(3, 2), e(2, 1)], 1],
    ['three for a flap', [e(2, 3), e(3, 2), e(2, 3), e(3, 2)], 3],
    ['ignores events that changed nothing', [e(1, 2), e(2, 2), e(2, 3)], 0],
  ])('counts %s', (_name, events, changes) => {
    expect(directionChanges(events)).toBe(changes);
  });
});
