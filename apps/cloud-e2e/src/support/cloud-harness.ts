import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, nodePortRange } from './free-port';
import { dist, WORKSPACE } from './paths';

export interface CloudOptions {
  runtime: 'docker' | 'process';
  lb: 'haproxy' | 'embedded';
}

export interface RunningCloud {
  name: string;
  managerUrl: string;
  lbUrl: string;
  token: string;
  dataDir: string;
  /** Environment for the `cloud` CLI to reach this manager. */
  cliEnv: Record<string, string>;
  logs(): string;
  stop(): Promise<void>;
}

async function waitFor(
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

function stopChild(child: ChildProcess): Promise<void> {
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

  const agent = spawn(process.execPath, [dist('proxy/main.js')], {
    cwd: WORKSPACE,
    env: {
      ...process.env,
      STRATO_AGENT_PORT: String(agentPort),
      STRATO_AGENT_TOKEN: agentToken,
      STRATO_RUNTIME: options.runtime,
      STRATO_CLOUD: name,
      STRATO_AGENT_STATE_DIR: join(dataDir, 'agent'),
      STRATO_NODE_PORTS: nodePortRange(),
      STRATO_STOP_NODES_ON_EXIT: 'true',
    },
  });
  agent.stdout?.on('data', capture('agent'));
  agent.stderr?.on('data', capture('agent'));
  await waitFor(`http://127.0.0.1:${agentPort}/agent/health`, agent, () => output);

  const manager = spawn(process.execPath, [dist('manager/main.js')], {
    cwd: WORKSPACE,
    env: {
      ...process.env,
      STRATO_PORT: String(managerPort),
      STRATO_DATA_DIR: dataDir,
      STRATO_AGENT_URL: `http://127.0.0.1:${agentPort}`,
      STRATO_AGENT_TOKEN: agentToken,
      STRATO_LB: options.lb,
      STRATO_LB_PORT: String(lbPort),
    },
  });
  manager.stdout?.on('data', capture('manager'));
  manager.stderr?.on('data', capture('manager'));
  const managerUrl = `http://127.0.0.1:${managerPort}`;
  await waitFor(`${managerUrl}/api/health`, manager, () => output);

  const token = readFileSync(join(dataDir, 'owner-token'), 'utf8').trim();
  return {
    name,
    managerUrl,
    lbUrl: `http://127.0.0.1:${lbPort}`,
    token,
    dataDir,
    cliEnv: { STRATO_URL: managerUrl, STRATO_TOKEN: token },
    logs: () => output,
    async stop() {
      await stopChild(manager);
      await stopChild(agent);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
