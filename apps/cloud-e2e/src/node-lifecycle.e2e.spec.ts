import { createStratoClient, type Node, type StratoClient } from '@strato/api-client';
import { cloud } from './support/cli';
import { type RunningCloud, startCloud } from './support/cloud-harness';
import { dockerApi } from './support/infrastructure';
import { killNode } from './support/kill';
import { capsToExpect, removeRuntimeNodes, runtimeNodes, type RuntimeNode } from './support/runtime-nodes';
import { describeEachCloud } from './support/variants';

interface ContainerInspect {
  HostConfig: { NetworkMode: string; Memory: number; MemorySwap: number };
  Config: { Labels: Record<string, string> };
}

const PODS = {
  light: { cpus: 0.3, memoryMiB: 100 },
  medium: { cpus: 0.5, memoryMiB: 300 },
  heavy: { cpus: 0.8, memoryMiB: 500 },
};

describeEachCloud('node lifecycle on $runtime nodes behind the $lb balancer', (options) => {
  let running: RunningCloud;
  let api: StratoClient;
  const cli = (...args: string[]) => cloud(args, running.cliEnv);
  const inRuntime = async (): Promise<RuntimeNode[]> => [
    ...(await runtimeNodes(running, options.runtime)).values(),
  ];
  // A FAILED node's container stays (exited) while its process is gone: count the running ones.
  const runningIds = async () => (await inRuntime()).filter((n) => n.running).map((n) => n.id);
  const node = async (name: string) =>
    (await api.GET('/api/v1/nodes/{name}', { params: { path: { name } } })).data as Node;
  const servedBy = async (path: string, count: number) => {
    const nodes = new Map<string, number>();
    for (let i = 0; i < count; i++) {
      const response = await fetch(`${running.lbUrl}${path}`);
      expect(response.status).toBe(200);
      const { node: name } = (await response.json()) as { node: string };
      nodes.set(name, (nodes.get(name) ?? 0) + 1);
    }
    return nodes;
  };
  const kind = options.runtime === 'docker' ? 'container' : 'job-server process';

  beforeAll(async () => {
    running = await startCloud({ ...options, stopNodesOnExit: false });
    api = createStratoClient({ baseUrl: running.managerUrl, token: running.token });
    expect((await cli('init')).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    if (running) await removeRuntimeNodes(running, options.runtime);
  });

  it(`registers and launches 3 nodes per pod, each a ${kind} with its pod caps`, async () => {
    for (const pod of Object.keys(PODS)) {
      for (let i = 1; i <= 3; i++) expect((await cli('register', `${pod[0]}${i}`, pod)).code).toBe(0);
      for (let i = 1; i <= 3; i++)
        expect((await cli('launch', pod)).stdout).toMatch(/is ONLINE at 127\.0\.0\.1:\d+/);
    }
    const listed = await inRuntime();
    expect(listed.map((n) => n.node)).toEqual(['h1', 'h2', 'h3', 'l1', 'l2', 'l3', 'm1', 'm2', 'm3']);
    for (const { node: name, pod, caps } of listed) {
      const expected = await capsToExpect(running, options.runtime, name, PODS[pod as keyof typeof PODS]);
      expect({ name, caps }).toEqual({ name, caps: expected });
    }
    if (options.runtime === 'docker') {
      for (const { id } of listed) {
        const { body } = await dockerApi<ContainerInspect>(`/containers/${id}/json`);
        expect(body.HostConfig).toMatchObject({ NetworkMode: 'host', MemorySwap: body.HostConfig.Memory });
        expect(body.Config.Labels).toMatchObject({ 'strato.managed': 'true', 'strato.cloud': running.name });
      }
    }
    expect([...(await servedBy('/light', 12)).keys()].sort()).toEqual(['l1', 'l2', 'l3']);
  });

  it(`shows a node whose ${kind} is killed -9 as FAILED with the reason within 2 s, and sends it no more traffic`, async () => {
    const killedAt = Date.now();
    expect(await killNode(running, options.runtime, 'l2')).toBe(true);
    let failed = await node('l2');
    while (failed.status !== 'FAILED' && Date.now() - killedAt < 2000) {
      await new Promise((r) => setTimeout(r, 50));
      failed = await node('l2');
    }
    expect(failed).toMatchObject({
      status: 'FAILED',
      reason: expect.stringMatching(/killed by SIGKILL|exited with code 137/),
    });
    const served = await servedBy('/light', 12);
    expect(served.has('l2')).toBe(false);
    expect([...served.keys()].sort()).toEqual(['l1', 'l3']);
  });

  it('restarts the agent while nodes run: nothing orphaned, nothing duplicated, new ports do not collide', async () => {
    const before = await runningIds();
    await running.restartAgent();
    await new Promise((r) => setTimeout(r, 2500)); // one reconcile pass
    expect(await runningIds()).toEqual(before);
    for (const name of ['l1', 'l3', 'm1', 'm2', 'm3', 'h1', 'h2', 'h3'])
      expect((await node(name)).status).toBe('ONLINE');
    expect([...(await servedBy('/medium', 6)).keys()].sort()).toEqual(['m1', 'm2', 'm3']);

    expect((await cli('register', 'l4', 'light')).code).toBe(0);
    expect((await cli('launch', 'light')).code).toBe(0);
    const ports =
      (await api.GET('/api/v1/nodes')).data?.filter((n) => n.status === 'ONLINE').map((n) => n.port) ?? [];
    expect(new Set(ports).size).toBe(ports.length);
    expect(await runningIds()).toHaveLength(9);
  });

  it(`removes a node with cloud rm: out of rotation, its ${kind} gone`, async () => {
    const rm = await cli('rm', 'l1', 'light');
    expect(rm).toMatchObject({ code: 0, stdout: 'removed node l1 from pod light\n' });
    expect((await inRuntime()).some((n) => n.node === 'l1')).toBe(false);
    expect([...(await servedBy('/light', 8)).keys()].sort()).toEqual(['l3', 'l4']);
  });

  it("prints a node's logs", async () => {
    const logs = await cli('node', 'logs', 'l3', '--tail', '5');
    expect(logs.code).toBe(0);
    expect(logs.stdout).toMatch(/job server l3 \(light\) on 127\.0\.0\.1:\d+/);
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const before = (await api.GET('/api/v1/nodes')).data;
    expect(await cli('rm', 'ghost')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('unknown node "ghost"'),
    });
    expect(await cli('rm', 'l3', 'heavy')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('node l3 is in pod light, not in pod heavy'),
    });
    expect(await cli('register', 'm1', 'medium')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('already exists'),
    });
    for (let i = 4; i <= 10; i++) expect((await cli('register', `h${i}`, 'heavy')).code).toBe(0);
    expect(await cli('register', 'h11', 'heavy')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('maximum of 10 nodes'),
    });
    for (let i = 4; i <= 10; i++) expect((await cli('rm', `h${i}`)).code).toBe(0);
    expect(await cli('launch', 'medium')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no NEW node to launch'),
    });
    const unauthorised = await fetch(`${running.agentUrl}/agent/v1/nodes`);
    expect(unauthorised.status).toBe(401);
    const wrong = await fetch(`${running.agentUrl}/agent/v1/nodes`, {
      method: 'POST',
      headers: { 'x-strato-agent-token': 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect((await api.GET('/api/v1/nodes')).data).toEqual(before);
    expect(await runningIds()).toHaveLength(8);
  });
});
