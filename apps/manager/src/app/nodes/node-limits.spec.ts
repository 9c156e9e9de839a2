import request from 'supertest';
import { createCloudTestApp, ownerAuth as auth, type TestApp } from '../../testing/test-app';
import { Reconciler } from '../reconciler/reconciler';

const NO_CGROUP = 'cgroup /sys/fs/cgroup/user.slice is not writable (EACCES): not delegated to this agent';

describe('node limits: whether a node runs within its caps, in the API and the event log', () => {
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());
  const node = async (name: string) =>
    (
      (await http().get('/api/v1/nodes').set(auth).expect(200)).body as { name: string; limits: unknown }[]
    ).find((n) => n.name === name);
  const limitEvents = async () =>
    (await http().get('/api/v1/events?type=NodeLimitsNotEnforced').set(auth).expect(200)).body as {
      node: string;
      message: string;
    }[];
  const launch = async (name: string) => {
    await http().post('/api/v1/nodes').set(auth).send({ name, pod: 'light' }).expect(201);
    await http().post('/api/v1/pods/light/launch').set(auth).expect(201);
  };

  beforeEach(async () => {
    test = await createCloudTestApp();
  });
  afterEach(() => test.close());

  it('shows a node that was never launched with limits unknown', async () => {
    await http().post('/api/v1/nodes').set(auth).send({ name: 'n1', pod: 'light' }).expect(201);
    expect(await node('n1')).toMatchObject({ limits: { enforced: null, reason: null } });
  });

  it('shows the caps as enforced when the agent says so at launch, with no event', async () => {
    await launch('n1');
    expect(await node('n1')).toMatchObject({ status: 'ONLINE', limits: { enforced: true, reason: null } });
    expect(await limitEvents()).toEqual([]);
  });

  it('records a launch the host cannot cap, with the reason, and says so in a NodeLimitsNotEnforced event', async () => {
    test.agent.limits = { enforced: false, reason: NO_CGROUP };
    await launch('n1');
    expect(await node('n1')).toMatchObject({
      status: 'ONLINE',
      limits: { enforced: false, reason: NO_CGROUP },
    });
    expect(await limitEvents()).toEqual([
      expect.objectContaining({
        node: 'n1',
        message: `n1 runs without its CPU and memory caps on agent local: ${NO_CGROUP}`,
      }),
    ]);
  });

  it('follows what the reconciler reads from the agent, announcing a change once, not on every pass', async () => {
    await launch('n1');
    const entry = test.agent.servers.get('n1');
    if (!entry) throw new Error('n1 is not on the fake agent');
    entry.view = { ...entry.view, limits: { enforced: false, reason: NO_CGROUP } };
    await test.app.get(Reconciler).pass();
    await test.app.get(Reconciler).pass();
    expect(await node('n1')).toMatchObject({
      status: 'ONLINE',
      limits: { enforced: false, reason: NO_CGROUP },
    });
    expect(await limitEvents()).toHaveLength(1);
  });
});
