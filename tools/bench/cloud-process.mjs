// Starts a whole cloud through tools/start.mjs on free loopback ports with a throwaway data dir, for
// benchmarks; stop() sends the Ctrl-C that start.mjs handles, so everything it started goes away.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** `api(method, path, body)`: a call to the manager's API as the owner; the answer's JSON, or a throw. */
export function ownerApi(manager, token) {
  return async (method, path, body) => {
    const res = await fetch(`${manager}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    const json = await res.json().catch(() => undefined);
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json?.message}`);
    return json;
  };
}

export async function startBenchCloud({ runtime, lb, env = {} }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'strato-bench-'));
  const [port, agentPort, lbPort] = [await freePort(), await freePort(), await freePort()];
  const cloudName = `bench-${process.pid}-${runtime}`;
  const child = spawn(process.execPath, [join(root, 'tools/start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      STRATO_RUNTIME: runtime,
      STRATO_LB: lb,
      STRATO_PORT: String(port),
      STRATO_AGENT_PORT: String(agentPort),
      STRATO_LB_PORT: String(lbPort),
      STRATO_DATA_DIR: dataDir,
      STRATO_CLOUD: cloudName,
      STRATO_NODE_PORTS: '23000-23199',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 120_000;
  while (!output.includes('Press Ctrl-C') && Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`start.mjs exited:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const token = readFileSync(join(dataDir, 'owner-token'), 'utf8').trim();
  const manager = `http://127.0.0.1:${port}`;
  return {
    api: ownerApi(manager, token),
    manager,
    token,
    pid: child.pid,
    name: cloudName,
    lbUrl: `http://127.0.0.1:${lbPort}`,
    async stop() {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Nearest-rank percentile (p in 0–100). */
export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
