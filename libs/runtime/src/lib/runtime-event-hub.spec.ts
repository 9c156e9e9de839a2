import type { RuntimeEvent } from './runtime-event';
import { RuntimeEventHub } from './runtime-event-hub';

const oom: RuntimeEvent = { type: 'oom', nodeId: 'n1', pod: 'light', at: 1 };

describe('RuntimeEventHub', () => {
  const source = { start: jest.fn(), stop: jest.fn() };
  const logger = { warn: jest.fn() };
  beforeEach(() => jest.clearAllMocks());

  it('watches only while someone listens', () => {
    const hub = new RuntimeEventHub(source, logger);
    const first = hub.subscribe(() => undefined);
    const second = hub.subscribe(() => undefined);
    expect(source.start).toHaveBeenCalledTimes(1);
    first();
    first();
    expect(source.stop).not.toHaveBeenCalled();
    second();
    expect(source.stop).toHaveBeenCalledTimes(1);
    expect(hub.active).toBe(false);
  });

  it('delivers to every listener, even after one throws, and logs the failure', () => {
    const hub = new RuntimeEventHub(source, logger);
    const seen: RuntimeEvent[] = [];
    hub.subscribe(() => {
      throw new Error('listener bug');
    });
    hub.subscribe((event) => seen.push(event));
    hub.emit(oom);
    expect(seen).toEqual([oom]);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('listener bug'));
  });

  it('counts the same function subscribed twice as two subscriptions', () => {
    const hub = new RuntimeEventHub(source, logger);
    const listener = jest.fn();
    const unsubscribe = hub.subscribe(listener);
    hub.subscribe(listener);
    unsubscribe();
    hub.emit(oom);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
