import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { swarmDockerHost } from '@strato/test-infrastructure';
import { agentCredentialHeaders } from './agent-credential';
import { freePort, nodePortRange } from './free-port';
import { dist, WORKSPACE } from './paths';
import { startValidatingProxy, type ValidatingProxy } from './validating-proxy';

export interface CloudOptions {
  /** swarm: the single-node swarm of tools/swarm-daemon.sh. */
  runtime: 'docker' | 'process' | 'swarm';
  lb: 'haproxy' | 'embedded';
  /** Whether the agent removes its nodes when it stops (default true). */
  stopNodesOnExit?: boolean;
  /** Check every answer of the manager against its OpenAPI document (managerUrl is then a proxy). */
  validateResponses?: boolean;
  /** More of the manager's settings (STRATO_…). */
  managerEnv?: Record<string, string>;
}

export interface RunningCloud {
  name: string;
  /** Where the CLI and the clients reach the manager: with validateResponses, the validating proxy. */
  managerUrl: string;
  agentUrl: string;
  lbUrl: string;
  token: string;
  /** The join token agents register with (x-strato-agent-token); joined, each calls with its own credential. */
  agentToken: string;
  /** The local agent's own credential header: what the agent accepts, and what it calls the manager with. */
  agentAuth(): Record<string, string>;
  dataDir: string;
  /** Environment for the `cloud` CLI to reach this manager. */
  cliEnv: Record<string, string>;
  logs(): string;
  /** With validateResponses: the proxy in front of the manager, which knows what broke the document. */
  validator?: ValidatingProxy;
  /** Stops the manager (SIGKILL: as a crash), leaves it down `downForMs`, and starts a new one on the same data dir and ports. */
  restartManager(signal?: 'SIGTERM' | 'SIGKILL', downForMs?: number): Promise<void>;
  /** Stops the agent (its nodes keep running unless stopNodesOnExit; SIGKILL: always) and starts a new one. */
  restartAgent(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  stop(): Promise<void>;
}

export async function waitFor(
  url: string,
  child: ChildProcess,
  log: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`process exited with ${child.exitCode} before ${url} answered:\n${log()}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${log()}`);
}

async function waitForAgentRegistered(
  managerUrl: string,
  ownerToken: string,
  agent: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (agent.exitCode !== null) throw new Error(`agent exited with ${agent.exitCode}:\n${log()}`);
    const health = (await fetch(`${managerUrl}/api/health`, {
      headers: { authorization: `Bearer ${ownerToken}` },
    }).then((r) => r.json())) as {
      details: { agents: { answering: number } };
    };
    if (health.details.agents.answering > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the agent did not register with the manager:\n${log()}`);
}

/** kill -9, as a crash. */
export async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts a proxy agent and a manager from dist/ on free loopback ports, with a data dir of their own. */
export async function startCloud(options: CloudOptions): Promise<RunningCloud> {
  const name = `e2e-${randomBytes(3).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), `strato-${name}-`));
  const [managerPort, agentPort, lbPort] = [await freePort(), await freePort(), await freePort()];
  const agentToken = randomBytes(24).toString('base64url');
  let output = '';
  const capture = (prefix: string) => (chunk: Buffer) =>
    (output += chunk.toString().replace(/^/gm, `[${prefix}] `));

  const managerUrl = `http://127.0.0.1:${managerPort}`;
  let stopped = false;
  const startManager = async (): Promise<ChildProcess> => {
    if (stopped) throw new Error('this cloud was stopped');
    const child = spawn(process.execPath, [dist('manager/main.js')], {
      cwd: WORKSPACE,
      env: {
        ...process.env,
        STRATO_PORT: String(managerPort),
        STRATO_DATA_DIR: dataDir,
        STRATO_AGENT_TOKEN: agentToken,
        STRATO_LB: options.lb,
        STRATO_LB_PORT: String(lbPort),
        // As `npm start` does: one machine runs every pod's nodes, more than its CPUs' worth.
        STRATO_OVERCOMMIT: '10',
        ...options.managerEnv,
      },
    });
    child.stdout?.on('data', capture('manager'));
    child.stderr?.on('data', capture('manager'));
    await waitFor(`${managerUrl}/api/health`, child, () => output);
    return child;
  };
  let manager = await startManager();
  // The manager has written it by now; health shows the agents only to the owner.
  const token = readFileSync(join(dataDir, 'owner-token'), 'utf8').trim();

  const agentEnv = {
    ...process.env,
    STRATO_AGENT_PORT: String(agentPort),
    STRATO_AGENT_TOKEN: agentToken,
    STRATO_AGENT_ID: 'local',
    STRATO_MANAGER_URL: managerUrl,
    STRATO_RUNTIME: options.runtime,
    STRATO_CLOUD: name,
    STRATO_AGENT_STATE_DIR: join(dataDir, 'agent'),
    STRATO_NODE_PORTS: nodePortRange(),
    STRATO_STOP_NODES_ON_EXIT: String(options.stopNodesOnExit ?? true),
    ...(options.runtime === 'swarm' ? { DOCKER_HOST: swarmDockerHost() } : {}),
  };
  const startAgent = async (): Promise<ChildProcess> => {
    if (stopped) throw new Error('this cloud was stopped');
    const child = spawn(process.execPath, [dist('proxy/main.js')], { cwd: WORKSPACE, env: agentEnv });
    child.stdout?.on('data', capture('agent'));
    child.stderr?.on('data', capture('agent'));
    await waitFor(`http://127.0.0.1:${agentPort}/agent/health`, child, () => output);
    await waitForAgentRegistered(managerUrl, token, child, () => output);
    return child;
  };
  let agent = await startAgent();
  const validator = options.validateResponses ? await startValidatingProxy(managerUrl) : undefined;
  const apiUrl = validator?.url ?? managerUrl;

  return {
    name,
    managerUrl: apiUrl,
    agentUrl: `http://127.0.0.1:${agentPort}`,
    lbUrl: `http://127.0.0.1:${lbPort}`,
    token,
    agentToken,
    agentAuth: () => agentCredentialHeaders(agentEnv.STRATO_AGENT_STATE_DIR),
    dataDir,
    cliEnv: { STRATO_URL: apiUrl, STRATO_TOKEN: token },
    logs: () => output,
    validator,
    async restartManager(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM', downForMs = 0) {
      await (signal === 'SIGKILL' ? killChild(manager) : stopChild(manager));
      await new Promise((resolve) => setTimeout(resolve, downForMs));
      manager = await startManager();
    },
    async restartAgent(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') {
      await (signal === 'SIGKILL' ? killChild(agent) : stopChild(agent));
      agent = await startAgent();
    },
    async stop() {
      stopped = true;
      await validator?.close();
      await stopChild(manager);
      await stopChild(agent);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
