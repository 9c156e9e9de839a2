import { createStratoClient, type StratoClient, unwrap } from '@strato/api-client';
import { AGENT_TOKEN_HEADER } from '@strato/contracts';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { agentCredentialHeaders } from './support/agent-credential';
import { type RunningCloud, startCloud, stopChild, waitFor } from './support/cloud-harness';
import { freePort, nodePortRange } from './support/free-port';
import { dist, WORKSPACE } from './support/paths';
import { startSteadyTraffic } from './support/steady-traffic';

const GRACE_MS = 3000;
const credentialOf = (headers: Record<string, string>) => headers[AGENT_TOKEN_HEADER];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Two real agents (process runtime) on one manager: each with a credential of its own that no other party
 * shares; rotations under steady control-path and data-path traffic fail no call; revoking one agent locks
 * out that agent alone; readmitted, it joins again; no token or credential is ever logged.
 */
describe('per-agent credentials on a real cloud: two agents, rotation under traffic, revocation of one', () => {
  let running: RunningCloud;
  let api: StratoClient;
  let second: ChildProcess | undefined;
  let secondLogs = '';
  let secondUrl: string;
  let secondStateDir: string;
  /** Every credential the agents ever held, for the log check at the end. */
  const seen = new Set<string>();
  const note = (headers: Record<string, string>) => {
    seen.add(credentialOf(headers));
    return headers;
  };
  const localAuth = () => note(running.agentAuth());
  const secondAuth = () => note(agentCredentialHeaders(secondStateDir));
  const agentStatus = async (url: string, headers: Record<string, string>) =>
    (await fetch(`${url}/agent/v1/nodes`, { headers })).status;
  const heartbeat = async (id: string, headers: Record<string, string>) =>
    (await fetch(`${running.managerUrl}/api/v1/agents/${id}/heartbeat`, { method: 'POST', headers })).status;
  const agents = () => unwrap(api.GET('/api/v1/agents'));
  const nodes = () => unwrap(api.GET('/api/v1/nodes'));
  const until = async (check: () => Promise<boolean>, what: string, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}:\n${running.logs()}\n${secondLogs}`);
      await sleep(200);
    }
  };

  beforeAll(async () => {
    running = await startCloud({
      runtime: 'process',
      lb: 'embedded',
      managerEnv: { STRATO_AGENT_CREDENTIAL_GRACE_MS: String(GRACE_MS), STRATO_ELASTICITY_TICK_MS: '0' },
    });
    api = createStratoClient({ baseUrl: running.managerUrl, token: running.token });
    const port = await freePort();
    secondUrl = `http://127.0.0.2:${port}`;
    secondStateDir = join(running.dataDir, 'agent-second');
    second = spawn(process.execPath, [dist('proxy/main.js')], {
      cwd: WORKSPACE,
      env: {
        ...process.env,
        STRATO_AGENT_HOST: '127.0.0.2',
        STRATO_AGENT_PORT: String(port),
        STRATO_AGENT_TOKEN: running.agentToken,
        STRATO_AGENT_ID: 'second',
        STRATO_MANAGER_URL: running.managerUrl,
        STRATO_AGENT_HEARTBEAT_MS: '500',
        STRATO_RUNTIME: 'process',
        STRATO_CLOUD: `${running.name}-second`,
        STRATO_AGENT_STATE_DIR: secondStateDir,
        STRATO_NODE_PORTS: nodePortRange(),
        STRATO_STOP_NODES_ON_EXIT: 'true',
      },
    });
    const capture = (chunk: Buffer) => (secondLogs += chunk.toString());
    second.stdout?.on('data', capture);
    second.stderr?.on('data', capture);
    await waitFor(`${secondUrl}/agent/health`, second, () => secondLogs);
    await until(async () => (await agents()).some((a) => a.id === 'second' && a.reachable), 'agent second');

    await unwrap(api.POST('/api/v1/cloud/init'));
    for (const name of ['c1', 'c2']) {
      await unwrap(api.POST('/api/v1/nodes', { body: { name, pod: 'light' } }));
      await unwrap(api.POST('/api/v1/pods/{pod}/launch', { params: { path: { pod: 'light' } } }));
    }
  }, 120_000);

  afterAll(async () => {
    if (second) await stopChild(second);
    await running?.stop();
  }, 60_000);

  it('gives each agent a credential of its own, which the other agent and the join token cannot use', async () => {
    expect((await nodes()).map((n) => [n.name, n.status, n.agent]).sort()).toEqual([
      ['c1', 'ONLINE', expect.any(String)],
      ['c2', 'ONLINE', expect.any(String)],
    ]);
    expect(new Set((await nodes()).map((n) => n.agent))).toEqual(new Set(['local', 'second']));
    const [local, other] = [localAuth(), secondAuth()];
    expect(credentialOf(local)).not.toBe(credentialOf(other));
    expect(await agentStatus(running.agentUrl, local)).toBe(200);
    expect(await agentStatus(secondUrl, other)).toBe(200);
    expect(await agentStatus(running.agentUrl, other)).toBe(401);
    expect(await agentStatus(secondUrl, local)).toBe(401);
    const join = { [AGENT_TOKEN_HEADER]: running.agentToken };
    expect(await agentStatus(running.agentUrl, join)).toBe(401);
    expect(await agentStatus(secondUrl, join)).toBe(401);
    expect(await heartbeat('second', local)).toBe(403);
  });

  it('rotates both credentials three times under traffic: no call fails on the control or the data path', async () => {
    const before = { local: localAuth(), second: secondAuth() };
    const data = startSteadyTraffic(`${running.lbUrl}/light`, { users: 4, timeoutMs: 5000, maxMs: 30_000 });
    const control = { ok: 0, failed: [] as string[] };
    let stopped = false;
    const controlLoop = (async () => {
      // Each answer needs the manager to reach both agents with their current credentials.
      while (!stopped) {
        for (const call of [
          () => api.GET('/api/v1/pods/{pod}/usage', { params: { path: { pod: 'light' } } }),
          () =>
            api.GET('/api/v1/nodes/{name}/logs', { params: { path: { name: 'c1' }, query: { tail: 5 } } }),
          () =>
            api.GET('/api/v1/nodes/{name}/logs', { params: { path: { name: 'c2' }, query: { tail: 5 } } }),
        ]) {
          const { response } = await call();
          if (response.ok) control.ok++;
          else control.failed.push(`${response.url} ${response.status}`);
        }
        await sleep(20);
      }
    })();
    for (let round = 0; round < 3; round++) {
      for (const id of ['local', 'second']) {
        await unwrap(api.POST('/api/v1/agents/{id}/credential', { params: { path: { id } } }));
        await sleep(300);
      }
      localAuth();
      secondAuth();
    }
    await sleep(1000);
    stopped = true;
    await controlLoop;
    const sent = await data.stop();
    const failed = sent.filter((r) => !r.ok);
    console.info('rotations under traffic', {
      controlOk: control.ok,
      controlFailed: control.failed.length,
      dataSent: sent.length,
      dataFailed: failed.length,
    });
    expect(control.failed).toEqual([]);
    expect(control.ok).toBeGreaterThan(30);
    expect(failed.map((r) => r.outcome)).toEqual([]);
    expect(sent.length).toBeGreaterThan(100);
    expect(running.logs()).not.toMatch(/manager answered 401|no longer takes this agent/);
    expect(secondLogs).not.toMatch(/manager answered 401|no longer takes this agent/);

    // After the grace, the credentials from before the rotations work nowhere; the current ones do.
    await sleep(GRACE_MS);
    expect(await agentStatus(running.agentUrl, before.local)).toBe(401);
    expect(await agentStatus(secondUrl, before.second)).toBe(401);
    expect(await heartbeat('local', before.local)).toBe(401);
    expect(await heartbeat('second', before.second)).toBe(401);
    expect(await agentStatus(running.agentUrl, localAuth())).toBe(200);
    expect(await heartbeat('second', secondAuth())).toBe(204);
    expect((await agents()).every((a) => a.reachable)).toBe(true);
  }, 90_000);

  it('revokes one agent: it alone is locked out, its node leaves the balancer, the other serves on', async () => {
    const revokedCredential = secondAuth();
    const onSecond = (await nodes()).find((n) => n.agent === 'second')?.name as string;
    const onLocal = (await nodes()).find((n) => n.agent === 'local')?.name as string;
    await unwrap(api.POST('/api/v1/agents/{id}/revoke', { params: { path: { id: 'second' } } }));
    expect(await heartbeat('second', revokedCredential)).toBe(401);
    await until(
      async () => (await nodes()).find((n) => n.name === onSecond)?.status !== 'ONLINE',
      `node ${onSecond} to leave ONLINE`,
    );
    await until(async () => secondLogs.includes('the manager refuses this agent (second)'), 'a refused join');
    const traffic = startSteadyTraffic(`${running.lbUrl}/light`, { users: 2, timeoutMs: 5000, maxMs: 3000 });
    const sent = await new Promise<Awaited<ReturnType<typeof traffic.stop>>>((resolve) =>
      setTimeout(() => resolve(traffic.stop()), 2000),
    );
    expect(sent.filter((r) => !r.ok).map((r) => r.outcome)).toEqual([]);
    expect((await nodes()).find((n) => n.name === onLocal)?.status).toBe('ONLINE');
    expect(await heartbeat('local', localAuth())).toBe(204);
    // The revoked agent's credential opens no other agent either.
    expect(await agentStatus(running.agentUrl, revokedCredential)).toBe(401);
  }, 60_000);

  it('readmits it: it joins again with the join token and its node serves again', async () => {
    await unwrap(api.POST('/api/v1/agents/{id}/readmit', { params: { path: { id: 'second' } } }));
    await until(
      async () => (await agents()).some((a) => a.id === 'second' && a.reachable && !a.revokedAt),
      'agent second to join again',
    );
    await until(
      async () => (await nodes()).every((n) => n.status === 'ONLINE'),
      'every node ONLINE again',
      45_000,
    );
    expect(await agentStatus(secondUrl, secondAuth())).toBe(200);
  }, 90_000);

  it('never logs the join token, the owner token or any credential', () => {
    const logs = `${running.logs()}\n${secondLogs}`;
    expect(seen.size).toBeGreaterThanOrEqual(8);
    for (const secret of [running.agentToken, running.token, ...seen]) {
      expect(logs.includes(secret)).toBe(false);
      expect(logs.includes(secret.split(':').pop() as string)).toBe(false);
    }
  });
});
