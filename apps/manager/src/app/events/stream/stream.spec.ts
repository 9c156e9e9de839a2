import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../../testing/test-app';
import { EventBus } from '../event-bus';
import { EventFeed } from '../event-feed';
import { OpenStreams } from '../../sse/open-streams';
import { EventsRepository } from '../events.repository';
import { MetricsSampler } from '../../metrics/metrics-sampler';
import { MAX_REPLAY } from './cloud-stream';

interface Frame {
  id?: string;
  event: string;
  data: Record<string, unknown> & {
    lastEventId: number;
    events?: { id: number; type: string; pod: string }[];
    pods?: { pod: string; at: string; requestRate: number; nodes: { ready: number } }[];
  };
}

/** Reads the stream's frames off the wire until `enough` says so (or 3 s pass), then hangs up. */
async function readFrames(
  url: string,
  headers: Record<string, string>,
  enough: (frames: Frame[]) => boolean,
  whileOpen: () => Promise<void> = async () => undefined,
): Promise<{ frames: Frame[]; text: string; status: number; contentType: string | null; endedBy: string }> {
  const hangUp = new AbortController();
  let endedBy = 'server';
  const timer = setTimeout(() => {
    endedBy = 'timeout';
    hangUp.abort();
  }, 3000);
  const response = await fetch(url, { headers, signal: hangUp.signal });
  const frames: Frame[] = [];
  let text = '';
  try {
    if (response.status === 200 && response.body) {
      const acting = whileOpen();
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        frames.splice(0, frames.length, ...parseFrames(text));
        if (enough(frames)) {
          endedBy = 'client';
          hangUp.abort();
          break;
        }
      }
      await acting;
    } else {
      text = await response.text();
    }
  } catch (error) {
    if (!hangUp.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    hangUp.abort();
  }
  return {
    frames,
    text,
    status: response.status,
    contentType: response.headers.get('content-type'),
    endedBy,
  };
}

function parseFrames(text: string): Frame[] {
  return text
    .split('\n\n')
    .slice(0, -1)
    .map((block) =>
      Object.fromEntries(
        block
          .split('\n')
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
      ),
    )
    .filter((fields) => fields['event'] !== undefined)
    .map((fields) => ({ id: fields['id'], event: fields['event'], data: JSON.parse(fields['data']) }));
}

const eventsIn = (frames: Frame[]) => frames.flatMap((f) => f.data.events ?? []);
const metricsIn = (frames: Frame[]) => frames.filter((f) => f.event === 'metrics');

describe('GET /api/v1/stream: the live stream', () => {
  let test: TestApp;
  let base: string;
  const http = () => request(test.app.getHttpServer());
  const bus = () => test.app.get(EventBus);
  const lastId = () => test.app.get(EventsRepository).idRange().last;

  beforeEach(async () => {
    test = await createCloudTestApp({ STRATO_ELASTICITY_TICK_MS: '0' });
    await test.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(test.app.getHttpServer().address() as AddressInfo).port}/api/v1/stream`;
  });
  afterEach(async () => {
    // Streams the client hung up on may still be closing: do not wait for them.
    test.app.getHttpServer().closeAllConnections();
    await test.close();
  });

  it('needs the owner token', async () => {
    const read = await readFrames(base, {}, () => true);
    expect(read.status).toBe(401);
    expect(read.text).not.toContain('owner-token-for-tests');
  });

  it('says hello with the newest event id, then sends each burst of events as one frame, with its resume point', async () => {
    const newest = lastId();
    const read = await readFrames(
      base,
      auth,
      (frames) => eventsIn(frames).some((e) => e.type === 'NodeOnline'),
      async () => {
        await http().post('/api/v1/nodes').set(auth).send({ name: 'n1', pod: 'light' }).expect(201);
        await http().post('/api/v1/pods/light/launch').set(auth).expect(201);
      },
    );

    expect(read.status).toBe(200);
    expect(read.contentType).toContain('text/event-stream');
    expect(read.text.startsWith('retry: 2000\n\n')).toBe(true);
    const [hello, ...rest] = read.frames;
    expect(hello).toMatchObject({ id: undefined, event: 'hello', data: { lastEventId: newest } });
    expect(eventsIn(rest).map((e) => e.type)).toEqual(['NodeRegistered', 'NodeStarting', 'NodeOnline']);
    expect(eventsIn(rest).map((e) => e.id)).toEqual([newest + 1, newest + 2, newest + 3]);
    for (const frame of rest) {
      expect(frame.event).toBe('events');
      expect(Number(frame.id)).toBe(frame.data.lastEventId);
      expect(frame.data.lastEventId).toBe(frame.data.events?.at(-1)?.id);
    }
  });

  it('coalesces a burst: 50 events published at once arrive in one frame', async () => {
    const read = await readFrames(
      base,
      auth,
      (frames) => eventsIn(frames).length >= 50,
      async () => {
        for (let i = 0; i < 50; i++)
          bus().publish({ type: 'PodChanged', pod: 'light', message: `change ${i}` });
      },
    );
    expect(read.frames.filter((f) => f.event === 'events')).toHaveLength(1);
  });

  it('resumes after `since` or Last-Event-ID (the header wins): the missed events first, in order, then live ones', async () => {
    const from = lastId();
    for (let i = 0; i < 3; i++) bus().publish({ type: 'PodChanged', pod: 'light', message: `missed ${i}` });
    const bySince = await readFrames(`${base}?since=${from}`, auth, (frames) => eventsIn(frames).length >= 3);
    const byHeader = await readFrames(
      `${base}?since=0`,
      { ...auth, 'last-event-id': String(from + 1) },
      (frames) => eventsIn(frames).length >= 3,
      async () => bus().publish({ type: 'PodChanged', pod: 'light', message: 'live' }),
    );

    expect(eventsIn(bySince.frames).map((e) => e.id)).toEqual([from + 1, from + 2, from + 3]);
    expect(eventsIn(byHeader.frames).map((e) => e.id)).toEqual([from + 2, from + 3, from + 4]);
    expect(byHeader.frames[0].event).toBe('hello');
  });

  it('says reset when the missed events are not all there: too many, or a resume point the log never had', async () => {
    const from = lastId();
    for (let i = 0; i <= MAX_REPLAY; i++)
      bus().publish({ type: 'PodChanged', pod: 'light', message: `${i}` });
    const behind = await readFrames(`${base}?since=${from}`, auth, (frames) => frames.length >= 2);
    const ahead = await readFrames(`${base}?since=${lastId() + 100}`, auth, (frames) => frames.length >= 2);

    for (const read of [behind, ahead]) {
      expect(read.frames[1]).toMatchObject({
        event: 'reset',
        id: String(lastId()),
        data: { lastEventId: lastId() },
      });
    }
    expect(String(behind.frames[1].data['reason'])).toContain(`more than ${MAX_REPLAY} events`);
    expect(String(ahead.frames[1].data['reason'])).toContain('newer than any kept');
  });

  it("follows one pod's events only", async () => {
    const read = await readFrames(
      `${base}?pod=medium`,
      auth,
      (frames) => eventsIn(frames).length >= 1,
      async () => {
        bus().publish({ type: 'PodChanged', pod: 'light', message: 'not this' });
        bus().publish({ type: 'PodChanged', pod: 'medium', message: 'this' });
      },
    );
    expect(eventsIn(read.frames).map((e) => e.pod)).toEqual(['medium']);
  });

  it('with metrics=true, sends a metrics frame after every sample, without an id, beside the events', async () => {
    const sampler = test.app.get(MetricsSampler);
    const read = await readFrames(
      `${base}?metrics=true`,
      auth,
      (frames) => eventsIn(frames).length >= 1,
      async () => {
        await sampler.tick();
        await sampler.tick();
        bus().publish({ type: 'PodChanged', pod: 'light', message: 'after two samples' });
      },
    );

    const metrics = metricsIn(read.frames);
    expect(metrics).toHaveLength(2);
    for (const frame of metrics) {
      expect(frame.id).toBeUndefined();
      expect(frame.data.pods?.map((p) => p.pod)).toEqual(['light', 'medium', 'heavy']);
      expect(frame.data.pods?.every((p) => p.at === frame.data['at'])).toBe(true);
    }
    expect(read.text).not.toMatch(/id: [^\n]*\nevent: metrics/);
    const events = read.frames.filter((f) => f.event === 'events');
    expect(events.map((f) => Number(f.id))).toEqual([lastId()]);
  });

  it("with metrics=true and a pod, sends that pod's samples only, the newest right after the hello", async () => {
    const sampler = test.app.get(MetricsSampler);
    await sampler.tick();
    const read = await readFrames(
      `${base}?metrics=true&pod=1`,
      auth,
      (frames) => metricsIn(frames).length >= 2,
      async () => sampler.tick(),
    );

    expect(read.frames.map((f) => f.event)).toEqual(['hello', 'metrics', 'metrics']);
    expect(metricsIn(read.frames).map((f) => f.data.pods?.map((p) => p.pod))).toEqual([
      ['medium'],
      ['medium'],
    ]);
  });

  it('sends no metrics frame without metrics=true, however many samples are taken', async () => {
    const sampler = test.app.get(MetricsSampler);
    await sampler.tick();
    const read = await readFrames(
      base,
      auth,
      (frames) => eventsIn(frames).length >= 1,
      async () => {
        await sampler.tick();
        await sampler.tick();
        bus().publish({ type: 'PodChanged', pod: 'light', message: 'after two samples' });
      },
    );
    expect(read.frames.map((f) => f.event)).toEqual(['hello', 'events']);
  });

  it('lets go of a client that hung up', async () => {
    const feed = test.app.get(EventFeed);
    const watching = () =>
      (feed as unknown as { subject: { observers: unknown[] } }).subject.observers.length;
    const before = watching();
    await readFrames(
      base,
      auth,
      (frames) => frames.length >= 1,
      async () => {
        expect(watching()).toBe(before + 1);
      },
    );
    const deadline = Date.now() + 2000;
    while (watching() > before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(watching()).toBe(before);
  });

  it('ends open streams when the manager shuts down, so it does not wait for them', async () => {
    const reading = readFrames(base, auth, () => false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(test.app.get(OpenStreams).count).toBe(1);
    await test.app.close();
    const read = await reading;

    expect(read).toMatchObject({ endedBy: 'server', frames: [{ event: 'hello' }] });
    expect(test.app.get(OpenStreams).count).toBe(0);
  });

  it.each([
    ['?since=', {}, 'since'],
    ['?since=-1', {}, 'since'],
    ['?since=abc', {}, 'since'],
    ['?after=3', {}, 'after'],
    ['?metrics=1', {}, 'metrics'],
    ['?metrics=', {}, 'metrics'],
    ['', { 'last-event-id': 'x1' }, 'Last-Event-ID'],
  ])('refuses %s %p with a 400 naming it', async (query, headers, field) => {
    const response = await http().get(`/api/v1/stream${query}`).set(auth).set(headers).expect(400);
    expect(JSON.stringify(response.body)).toContain(field);
  });
});
