import { Timeline } from './timeline';

describe('Timeline', () => {
  it('counts sends at their intended second and outcomes at their completion second', () => {
    const timeline = new Timeline();
    timeline.countSent(10);
    timeline.countSent(990);
    timeline.countDropped(999);
    timeline.countOutcome(1005, true, 1000);
    timeline.countOutcome(1010, false, 20);
    timeline.countOutcome(2500, false);
    expect(timeline.snapshot()).toEqual([
      { second: 0, sent: 2, dropped: 1, ok: 0, failed: 0, p50Ms: null, p99Ms: null },
      {
        second: 1,
        sent: 0,
        dropped: 0,
        ok: 1,
        failed: 1,
        p50Ms: expect.closeTo(20, 0),
        p99Ms: expect.closeTo(1000, -1),
      },
      { second: 2, sent: 0, dropped: 0, ok: 0, failed: 1, p50Ms: null, p99Ms: null },
    ]);
  });

  it('freezes a second’s percentiles once it is over, without mixing in later seconds', () => {
    const timeline = new Timeline();
    timeline.countOutcome(100, true, 5);
    timeline.closeBefore(1);
    timeline.countOutcome(1100, true, 500);
    expect(timeline.at(0)?.p99Ms).toBeCloseTo(5, 1);
    expect(timeline.snapshot()[1].p50Ms).toBeCloseTo(500, -1);
  });
});
