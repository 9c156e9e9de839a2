import { PassThrough } from 'node:stream';
import { DockerEventStream } from './docker-event-stream';
import type { EngineEvent } from './engine-event';

const NOW_MS = 1_700_000_000_000;

function line(action: string, id: string, atMs: number): string {
  return `${JSON.stringify({ Type: 'container', Action: action, Actor: { ID: id }, timeNano: atMs * 1e6 })}\n`;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('DockerEventStream', () => {
  const logger = { warn: jest.fn() };

  it('reopens a dropped stream from the last event, skipping what it already handled', async () => {
    const streams: PassThrough[] = [];
    const opened: number[] = [];
    const handled: string[] = [];
    const stream = new DockerEventStream({
      open: async (since) => {
        opened.push(since);
        const next = new PassThrough();
        streams.push(next);
        return next;
      },
      onEvent: async (event: EngineEvent) => {
        handled.push(`${event.Action}:${event.Actor?.ID}`);
      },
      logger,
      retryMs: 5,
      now: () => NOW_MS,
    });
    stream.start();
    await until(() => streams.length === 1);
    streams[0].write(line('die', 'before-subscribe', NOW_MS - 10));
    streams[0].write(line('oom', 'a', NOW_MS + 1_000));
    streams[0].end();
    await until(() => streams.length === 2);
    // The engine replays from the second of the last event: one already handled, one missed during the gap.
    streams[1].write(line('oom', 'a', NOW_MS + 1_000) + line('die', 'a', NOW_MS + 1_500));
    await until(() => handled.length === 2);
    stream.stop();
    expect(handled).toEqual(['oom:a', 'die:a']);
    expect(opened).toEqual([NOW_MS / 1000, NOW_MS / 1000 + 1]);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('reconnecting'));
  });

  it('retries with growing waits while the engine is down, and stops for good on stop()', async () => {
    let attempts = 0;
    const stream = new DockerEventStream({
      open: async () => {
        attempts++;
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      },
      onEvent: async () => undefined,
      logger,
      retryMs: 5,
      maxRetryMs: 20,
    });
    stream.start();
    await until(() => attempts >= 3);
    stream.stop();
    const stoppedAt = attempts;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(attempts).toBe(stoppedAt);
  });
});
