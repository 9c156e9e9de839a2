import type { CloudEvent, EventsRepository } from '../events.repository';
import { MetricsFeed } from '../../metrics/metrics-feed';
import { EventFeed } from '../event-feed';
import { COALESCE_MS, CloudStream } from './cloud-stream';
import type { StreamFrame } from './stream-frame';

const event = (id: number): CloudEvent => ({
  id,
  at: 'now',
  type: 'PodChanged',
  pod: 'light',
  node: null,
  message: `${id}`,
});

describe('CloudStream pacing', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends an event after a quiet spell at once, and what follows within 100 ms with the next frame', () => {
    const feed = new EventFeed();
    const log = { idRange: () => ({ first: 0, last: 0 }), after: () => [] } as unknown as EventsRepository;
    const frames: StreamFrame[] = [];
    const subscription = new CloudStream(log, feed, new MetricsFeed())
      .open({})
      .subscribe((frame) => frames.push(frame));
    const sent = () =>
      frames
        .filter((f) => f.kind === 'events')
        .map((f) => (f.kind === 'events' ? f.events.map((e) => e.id) : []));

    feed.announce(event(1));
    feed.announce(event(2));
    jest.advanceTimersByTime(0);
    expect(sent()).toEqual([[1, 2]]);

    jest.advanceTimersByTime(10);
    feed.announce(event(3));
    jest.advanceTimersByTime(COALESCE_MS - 20);
    feed.announce(event(4));
    expect(sent()).toEqual([[1, 2]]);
    jest.advanceTimersByTime(10);
    expect(sent()).toEqual([
      [1, 2],
      [3, 4],
    ]);

    jest.advanceTimersByTime(COALESCE_MS * 5);
    feed.announce(event(5));
    jest.advanceTimersByTime(0);
    expect(sent()).toEqual([[1, 2], [3, 4], [5]]);
    subscription.unsubscribe();
  });
});
