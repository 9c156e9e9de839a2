import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentCredentialHeaders } from './agent-credential';
import { killChild, stopChild, waitFor } from './cloud-harness';
import { dist, WORKSPACE } from './paths';
import { createTestHosts, type TestHosts, type WorkerHost } from './test-hosts';

const MANAGER_PORT = 8080;
const LB_PORT = 8000;
const AGENT_PORT = 8081;

export interface MultiHostCloud {
  hosts: TestHosts;
  /** The manager's API, as the test reaches it on the control host. */
  managerUrl: string;
  /** HAProxy on the control host. */
  lbUrl: string;
  token: string;
  /** Where the control host reaches worker `name`'s agent. */
  agentUrl(name: string): string;
  /** Worker `name`'s agent's own credential header. */
  agentAuth(name: string): Record<string, string>;
  /** The join token the agents register with. */
  agentToken: string;
  logs(): string;
  /** Stops (SIGTERM: its nodes with it) or kills (SIGKILL: its nodes keep running) a worker's agent. */
  stopAgent(name: string, signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  startAgent(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The course topology on one machine: the manager and HAProxy on a control host, one agent (process
 * runtime) on each worker host, every host a network namespace of its own (see test-hosts.ts). Agents are
 * declared silent after STRATO_AGENT_TIMEOUT_MS=3000 so a failover takes seconds, not the default 15 s.
 */
export async function startMultiHostCloud(workerCount: number): Promise<MultiHostCloud> {
  const hosts = createTestHosts(workerCount);
  const dataDir = mkdtempSync(join(tmpdir(), 'strato-multi-host-'));
  const agentToken = randomBytes(24).toString('base64url');
  const cloudName = `mh${randomBytes(3).toString('hex')}`;
  const managerUrl = `http://${hosts.controlAddress}:${MANAGER_PORT}`;
  let output = '';
  const capture = (prefix: string) => (chunk: Buffer) =>
    (output += chunk.toString().replace(/^/gm, `[${prefix}] `));
  const agents = new Map<string, ChildProcess>();
  let manager: ChildProcess | undefined;

  const spawnNode = (
    on: (argv: string[], options: object) => ChildProcess,
    script: string,
    env: Record<string, string>,
    prefix: string,
  ): ChildProcess => {
    const child = on([process.execPath, dist(script)], { cwd: WORKSPACE, env: { ...process.env, ...env } });
    child.stdout?.on('data', capture(prefix));
    child.stderr?.on('data', capture(prefix));
    return child;
  };

  const startAgent = async (worker: WorkerHost): Promise<void> => {
    const child = spawnNode(
      worker.spawn,
      'proxy/main.js',
      {
        STRATO_AGENT_HOST: worker.address,
        STRATO_AGENT_PORT: String(AGENT_PORT),
        STRATO_AGENT_TOKEN: agentToken,
        STRATO_AGENT_ID: worker.name,
        STRATO_AGENT_LABELS: `host=${worker.name}`,
        STRATO_MANAGER_URL: `http://${worker.controlAddress}:${MANAGER_PORT}`,
        STRATO_AGENT_HEARTBEAT_MS: '500',
        STRATO_RUNTIME: 'process',
        STRATO_CLOUD: `${cloudName}-${worker.name}`,
        STRATO_AGENT_STATE_DIR: join(dataDir, `agent-${worker.name}`),
        STRATO_NODE_PORTS: '20000-20099',
        STRATO_STOP_NODES_ON_EXIT: 'true',
      },
      worker.name,
    );
    agents.set(worker.name, child);
    await waitForAgent(worker.name, child);
  };

  const waitForAgent = async (name: string, child: ChildProcess): Promise<void> => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`agent ${name} exited with ${child.exitCode}:\n${output}`);
      const agents = await fetch(`${managerUrl}/api/v1/agents`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(2_000),
      })
        .then((r) => r.json() as Promise<{ id: string; reachable: boolean }[]>)
        .catch(() => []);
      if (agents.some((agent) => agent.id === name && agent.reachable)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`agent ${name} did not register with the manager:\n${output}`);
  };

  let token = '';
  try {
    manager = spawnNode(
      hosts.spawnOnControl,
      'manager/main.js',
      {
        STRATO_HOST: '0.0.0.0',
        STRATO_PORT: String(MANAGER_PORT),
        STRATO_LB: 'haproxy',
        STRATO_LB_HOST: '0.0.0.0',
        STRATO_LB_PORT: String(LB_PORT),
        STRATO_DATA_DIR: join(dataDir, 'manager'),
        STRATO_AGENT_TOKEN: agentToken,
        STRATO_AGENT_TIMEOUT_MS: '3000',
        STRATO_RECONCILE_INTERVAL_MS: '1000',
      },
      'manager',
    );
    await waitFor(`${managerUrl}/api/health`, manager, () => output);
    token = readFileSync(join(dataDir, 'manager', 'owner-token'), 'utf8').trim();
    for (const worker of hosts.workers) await startAgent(worker);
  } catch (error) {
    for (const child of [manager, ...agents.values()]) if (child) await killChild(child);
    hosts.remove();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  const worker = (name: string): WorkerHost => {
    const found = hosts.workers.find((w) => w.name === name);
    if (!found) throw new Error(`no worker ${name}`);
    return found;
  };

  return {
    hosts,
    managerUrl,
    lbUrl: `http://${hosts.controlAddress}:${LB_PORT}`,
    token,
    agentToken,
    agentUrl: (name) => `http://${worker(name).address}:${AGENT_PORT}`,
    agentAuth: (name) => agentCredentialHeaders(join(dataDir, `agent-${worker(name).name}`)),
    logs: () => output,
    async stopAgent(name, signal) {
      const child = agents.get(name);
      if (child) await (signal === 'SIGKILL' ? killChild(child) : stopChild(child));
    },
    startAgent: (name) => startAgent(worker(name)),
    async stop() {
      for (const w of hosts.workers) w.restore();
      if (manager) await stopChild(manager);
      for (const child of agents.values()) await stopChild(child);
      hosts.remove();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
