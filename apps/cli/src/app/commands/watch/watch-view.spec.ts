import { cloudEvent, sample } from '../../../testing/stream-samples';
import { initialView, mayChangePodStates, RECENT_EVENTS, withFrame } from './watch-view';

const at = new Date('2026-12-02T10:00:05.000Z');

describe('the watch view', () => {
  it('shows the pods of the newest metrics frame only, and when a frame last came', () => {
    const first = withFrame(
      initialView(new Map()),
      { kind: 'metrics', at: 'a', pods: [sample(), sample({ pod: 'heavy' })] },
      at,
    );
    const second = withFrame(first, { kind: 'metrics', at: 'b', pods: [sample({ pod: 'heavy' })] }, at);
    expect(second.samples.map((s) => s.pod)).toEqual(['heavy']);
    expect(second.lastFrameAt).toBe(at);
  });

  it(`keeps the last ${RECENT_EVENTS} events, newest first, across frames`, () => {
    let view = initialView(new Map());
    for (let id = 1; id <= 10; id += 2) {
      view = withFrame(
        view,
        { kind: 'events', lastEventId: id + 1, events: [cloudEvent(id), cloudEvent(id + 1)] },
        at,
      );
    }
    expect(view.events.map((e) => e.id)).toEqual([10, 9, 8, 7, 6, 5, 4, 3]);
  });

  it('keeps the pods and events through a hello or a reset frame', () => {
    const view = withFrame(initialView(new Map()), { kind: 'metrics', at: 'a', pods: [sample()] }, at);
    expect(withFrame(view, { kind: 'hello', lastEventId: 3, at: 'now' }, at).samples).toEqual([sample()]);
  });

  it.each([
    ['PodPaused', true],
    ['PodResumed', true],
    ['PodCreated', true],
    ['PodRemoved', true],
    ['PodChanged', true],
    ['WeightChanged', false],
    ['NodeOnline', false],
  ])('reads the pod states again after a %s event: %s', (type, again) => {
    expect(
      mayChangePodStates({
        kind: 'events',
        lastEventId: 2,
        events: [cloudEvent(1), cloudEvent(2, { type })],
      }),
    ).toBe(again);
  });

  it('reads the pod states again after a reset (the missed events may have changed them), not after metrics', () => {
    expect(mayChangePodStates({ kind: 'reset', lastEventId: 9, reason: 'too far behind' })).toBe(true);
    expect(mayChangePodStates({ kind: 'metrics', at: 'a', pods: [] })).toBe(false);
  });
});
