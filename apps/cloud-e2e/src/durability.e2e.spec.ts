import { createStratoClient, type StratoClient } from '@strato/api-client';
import { cloud } from './support/cli';
import { type RunningCloud, startCloud } from './support/cloud-harness';
import { requireInfrastructure } from './support/infrastructure';

describe('durable state: kill -9 of the manager loses nothing (Docker + HAProxy)', () => {
  let running: RunningCloud;
  let api: StratoClient;
  const cli = (...args: string[]) => cloud(args, running.cliEnv);
  const snapshot = async () => ({
    pods: (await api.GET('/api/v1/pods')).data,
    nodes: (await api.GET('/api/v1/nodes')).data,
    events: (await api.GET('/api/v1/events', { params: { query: { limit: 1000 } } })).data,
  });

  beforeAll(async () => {
    await requireInfrastructure({ docker: true, haproxy: true });
    running = await startCloud({ runtime: 'docker', lb: 'haproxy' });
    api = createStratoClient({ baseUrl: running.managerUrl, token: running.token });
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
  });

  it('finds the same pods, nodes and events after kill -9 and a restart, and keeps serving', async () => {
    expect((await cli('init')).code).toBe(0);
    expect(
      (await cli('pod', 'register', 'tiny', '--cpu', '0.2', '--memory', '64', '--max-nodes', '2')).code,
    ).toBe(0);
    for (const [node, pod] of [
      ['n1', 'light'],
      ['n2', 'light'],
      ['m1', 'medium'],
      ['new1', 'heavy'],
    ]) {
      expect((await cli('register', node, pod)).code).toBe(0);
    }
    expect((await cli('launch', 'light')).code).toBe(0);
    expect((await cli('launch', 'light')).code).toBe(0);
    expect((await cli('launch', 'medium')).code).toBe(0);
    expect((await cli('pause', 'medium')).code).toBe(0);
    const before = await snapshot();

    await running.restartManager('SIGKILL');

    const after = await snapshot();
    expect(after.pods).toEqual(before.pods);
    expect(after.nodes).toEqual(before.nodes);
    expect(after.events?.slice(-(before.events?.length ?? 0))).toEqual(before.events);
    const served = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${running.lbUrl}/light`);
      expect(response.status).toBe(200);
      served.add(((await response.json()) as { node: string }).node);
    }
    expect([...served].sort()).toEqual(['n1', 'n2']);
    expect((await fetch(`${running.lbUrl}/medium`)).status).toBe(503);
    expect((await cli('launch', 'heavy')).stdout).toMatch(/node new1 is ONLINE/);
  });
});
