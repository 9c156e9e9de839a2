import request from 'supertest';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';
import { ElasticityTicker } from '../elasticity/elasticity-ticker';
import type { DomainEvent } from './domain-event';
import { EventBus } from './event-bus';
import { EventsRepository } from './events.repository';

describe('the event bus', () => {
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());
  beforeEach(async () => (test = await createCloudTestApp({ STRATO_ELASTICITY_TICK_MS: '0' })));
  afterEach(() => test.close());

  it('delivers what the contexts change, in order, and the event log keeps each event', async () => {
    const seen: DomainEvent[] = [];
    const subscription = test.app.get(EventBus).events$.subscribe((event) => seen.push(event));
    await http().post('/api/v1/nodes').set(auth).send({ name: 'n1', pod: 'light' }).expect(201);
    await http().post('/api/v1/pods/light/launch').set(auth).expect(201);
    await http().delete('/api/v1/nodes/n1').set(auth).expect(200);
    subscription.unsubscribe();
    expect(seen.map((e) => e.type)).toEqual([
      'NodeRegistered',
      'NodeStarting',
      'NodeOnline',
      'NodeDraining',
      'NodeRemoved',
    ]);
    const kept = test.app.get(EventsRepository).list({ node: 'n1', limit: 10 }).reverse();
    expect(kept.map((e) => [e.type, e.message])).toEqual(seen.map((e) => [e.type, e.message]));
  });

  it('filters by type', async () => {
    const bus = test.app.get(EventBus);
    const seen: string[] = [];
    const subscription = bus.of('PodRemoved').subscribe((event) => seen.push(event.pod ?? ''));
    bus.publish({ type: 'PodCreated', pod: 'a', message: 'a' });
    bus.publish({ type: 'PodRemoved', pod: 'b', message: 'b' });
    subscription.unsubscribe();
    expect(seen).toEqual(['b']);
  });

  it('lets elasticity forget a removed pod: a new pod of that name starts with no stale status', async () => {
    const pod = { name: 'tiny', cpus: 0.2, memoryMiB: 64, maxNodes: 3 };
    await http().post('/api/v1/pods').set(auth).send(pod).expect(201);
    await http()
      .post('/api/v1/pods/tiny/elasticity/enable')
      .set(auth)
      .send({ minNodes: 1, maxNodes: 2 })
      .expect(200);
    const ticker = test.app.get(ElasticityTicker);
    await ticker.tick(Date.now());
    await ticker.idle();
    expect(ticker.status.has('tiny')).toBe(true);
    await http().delete('/api/v1/pods/tiny?force=true').set(auth).expect(200);
    expect(ticker.status.has('tiny')).toBe(false);
    await http().post('/api/v1/pods').set(auth).send(pod).expect(201);
    expect((await http().get('/api/v1/pods/tiny/elasticity').set(auth).expect(200)).body.status).toBeNull();
  });
});
