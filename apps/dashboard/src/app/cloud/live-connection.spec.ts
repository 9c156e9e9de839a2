import { TestBed } from '@angular/core/testing';
import type { StreamFrame } from '@strato/api-client';
import { FakeStreamOpener } from '../../testing/fake-stream';
import { aSample } from '../../testing/fixtures';
import { FETCH } from '../api/strato-api';
import { DISCONNECTED_AFTER_MS, LiveConnection, REOPEN_AFTER_MS, STREAM_OPENER } from './live-connection';

const events = (lastEventId: number): StreamFrame => ({
  kind: 'events',
  lastEventId,
  events: [{ id: lastEventId, at: 'now', type: 'NodeOnline', pod: 'light', node: 'n1', message: 'online' }],
});
const hello = (lastEventId: number): StreamFrame => ({ kind: 'hello', lastEventId, at: 'now' });

describe('LiveConnection', () => {
  let opener: FakeStreamOpener;
  let live: LiveConnection;
  const changed: StreamFrame[] = [];
  let refused = 0;
  const handlers = { changed: (frame: StreamFrame) => changed.push(frame), refused: () => refused++ };

  beforeEach(() => {
    jest.useFakeTimers();
    opener = new FakeStreamOpener();
    changed.length = 0;
    refused = 0;
    TestBed.configureTestingModule({
      providers: [
        { provide: STREAM_OPENER, useValue: opener.open },
        { provide: FETCH, useValue: jest.fn() },
      ],
    });
    live = TestBed.inject(LiveConnection);
  });
  afterEach(() => {
    live.disconnect();
    jest.useRealTimers();
  });

  it('opens one stream from now on, on the page origin with the token, and is live once it is', () => {
    live.connect('s3cret', handlers);
    expect(live.state()).toBe('connecting');
    expect(opener.last.options).toMatchObject({
      baseUrl: 'http://localhost',
      token: 's3cret',
      since: undefined,
      metrics: true,
    });

    opener.last.state({ state: 'live' });
    opener.last.frame(hello(7));
    opener.last.frame(events(8));

    expect(live.state()).toBe('live');
    expect(changed).toEqual([events(8)]);
  });

  it('passes metrics frames to the pages without calling them changes or moving the resume point', () => {
    const frames: StreamFrame[] = [];
    live.frames$.subscribe((frame) => frames.push(frame));
    live.connect('s3cret', handlers);
    opener.last.frame(hello(7));
    const metrics: StreamFrame = { kind: 'metrics', at: 'now', pods: [aSample({ pod: 'light' })] };
    opener.last.frame(metrics);

    expect(frames).toEqual([hello(7), metrics]);
    expect(changed).toEqual([]);
    opener.last.state({ state: 'closed', status: 503, message: 'down' });
    jest.advanceTimersByTime(REOPEN_AFTER_MS);
    expect(opener.last.options.since).toBe(7);
  });

  it('says reconnecting when the stream drops, disconnected when it stays down, live when it is back', () => {
    live.connect('s3cret', handlers);
    opener.last.state({ state: 'live' });
    opener.last.frame(hello(7));

    opener.last.state({ state: 'reconnecting', message: 'connection lost' });
    expect(live.state()).toBe('reconnecting');
    jest.advanceTimersByTime(DISCONNECTED_AFTER_MS);
    expect(live.state()).toBe('disconnected');
    opener.last.state({ state: 'reconnecting', message: 'still down' });
    expect(live.state()).toBe('disconnected');

    opener.last.state({ state: 'live' });
    opener.last.frame(hello(9));
    expect(live.state()).toBe('live');
    // Back after a drop: read the cloud again (the numbers moved, the manager may have restarted).
    expect(changed).toEqual([hello(9)]);
    expect(opener.opened).toHaveLength(1);
  });

  it('reopens a stream refused with a 5xx by itself, resuming after the last event it saw', () => {
    live.connect('s3cret', handlers);
    opener.last.state({ state: 'live' });
    opener.last.frame(events(12));
    opener.last.state({ state: 'closed', status: 503, message: 'unavailable' });
    expect(live.state()).toBe('reconnecting');

    jest.advanceTimersByTime(REOPEN_AFTER_MS);
    expect(opener.opened).toHaveLength(2);
    expect(opener.last.options.since).toBe(12);
    opener.last.state({ state: 'live' });
    expect(live.state()).toBe('live');
  });

  it('gives up on a refused token and says so, without reopening', () => {
    live.connect('wrong', handlers);
    opener.last.state({ state: 'closed', status: 401, message: 'Non-200 status code (401)' });
    jest.advanceTimersByTime(REOPEN_AFTER_MS * 3);

    expect(live.state()).toBe('refused');
    expect(refused).toBe(1);
    expect(opener.opened).toHaveLength(1);
  });

  it('closes the old stream when it connects again (a new token), keeping the resume point', () => {
    live.connect('old', handlers);
    opener.last.frame(events(3));
    live.connect('new', handlers);

    expect(opener.opened[0].closed).toBe(true);
    expect(opener.last.options).toMatchObject({ token: 'new', since: 3 });
  });
});
