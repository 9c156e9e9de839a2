import { createStratoClient, type Node, type StratoClient } from '@strato/api-client';
import { cloud } from './support/cli';
import { type RunningCloud, startCloud } from './support/cloud-harness';
import { dockerApi, dockerPost, requireInfrastructure } from './support/infrastructure';

interface ContainerSummary {
  Id: string;
  Labels: Record<string, string>;
  State: string;
}
interface ContainerInspect {
  HostConfig: { NetworkMode: string; NanoCpus: number; Memory: number; MemorySwap: number };
  Config: { Labels: Record<string, string> };
}

const PODS = {
  light: { cpus: 0.3, mib: 100 },
  medium: { cpus: 0.5, mib: 300 },
  heavy: { cpus: 0.8, mib: 500 },
};

describe('node lifecycle on Docker behind HAProxy', () => {
  let running: RunningCloud;
  let api: StratoClient;
  const cli = (...args: string[]) => cloud(args, running.cliEnv);
  const containers = async () =>
    (
      await dockerApi<ContainerSummary[]>(
        `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ label: [`strato.cloud=${running.name}`] }))}`,
      )
    ).body;
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

  beforeAll(async () => {
    await requireInfrastructure({ docker: true, haproxy: true });
    running = await startCloud({ runtime: 'docker', lb: 'haproxy', stopNodesOnExit: false });
    api = createStratoClient({ baseUrl: running.managerUrl, token: running.token });
    expect((await cli('init')).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
    for (const container of (await containers().catch(() => [])) ?? []) {
      await dockerApi(`/containers/${container.Id}?force=true`, 'DELETE').catch(() => undefined);
    }
  });

  it('registers and launches 3 nodes per pod, each a container with its pod caps and labels', async () => {
    for (const pod of Object.keys(PODS)) {
      for (let i = 1; i <= 3; i++) expect((await cli('register', `${pod[0]}${i}`, pod)).code).toBe(0);
      for (let i = 1; i <= 3; i++)
        expect((await cli('launch', pod)).stdout).toMatch(/is ONLINE at 127\.0\.0\.1:\d+/);
    }
    const listed = await containers();
    expect(listed).toHaveLength(9);
    for (const summary of listed) {
      const pod = summary.Labels['strato.pod'] as keyof typeof PODS;
      const { body } = await dockerApi<ContainerInspect>(`/containers/${summary.Id}/json`);
      expect(body.HostConfig).toMatchObject({
        NetworkMode: 'host',
        NanoCpus: PODS[pod].cpus * 1e9,
        Memory: PODS[pod].mib * 1024 * 1024,
        MemorySwap: PODS[pod].mib * 1024 * 1024,
      });
      expect(body.Config.Labels).toMatchObject({ 'strato.managed': 'true', 'strato.cloud': running.name });
      expect(body.Config.Labels['strato.node']).toMatch(/^[lmh][123]$/);
    }
    expect([...(await servedBy('/light', 12)).keys()].sort()).toEqual(['l1', 'l2', 'l3']);
  });

  it('shows a node killed with docker kill as FAILED with the reason within 2 s, and sends it no more traffic', async () => {
    const victim = (await containers()).find((c) => c.Labels['strato.node'] === 'l2') as ContainerSummary;
    const killedAt = Date.now();
    expect((await dockerPost(`/containers/${victim.Id}/kill`)).status).toBe(204);
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
    const before = (await containers()).map((c) => c.Id).sort();
    await running.restartAgent();
    await new Promise((r) => setTimeout(r, 2500)); // one reconcile pass
    expect((await containers()).map((c) => c.Id).sort()).toEqual(before);
    for (const name of ['l1', 'l3', 'm1', 'm2', 'm3', 'h1', 'h2', 'h3'])
      expect((await node(name)).status).toBe('ONLINE');
    expect([...(await servedBy('/medium', 6)).keys()].sort()).toEqual(['m1', 'm2', 'm3']);

    expect((await cli('register', 'l4', 'light')).code).toBe(0);
    expect((await cli('launch', 'light')).code).toBe(0);
    const ports =
      (await api.GET('/api/v1/nodes')).data?.filter((n) => n.status === 'ONLINE').map((n) => n.port) ?? [];
    expect(new Set(ports).size).toBe(ports.length);
    expect(await containers()).toHaveLength(10);
  });

  it('removes a node with cloud rm: out of rotation, container gone', async () => {
    const rm = await cli('rm', 'l1', 'light');
    expect(rm).toMatchObject({ code: 0, stdout: 'removed node l1 from pod light\n' });
    expect((await containers()).some((c) => c.Labels['strato.node'] === 'l1')).toBe(false);
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
    expect(await containers()).toHaveLength(9);
  });
});
