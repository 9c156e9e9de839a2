import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloud } from './support/cli';
import { freePort, nodePortRange } from './support/free-port';
import { dockerApi } from './support/infrastructure';
import { WORKSPACE } from './support/paths';
import { descendants, isAlive } from './support/process-tree';

describe('npm start', () => {
  const cloudName = `start-${randomBytes(3).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'strato-start-'));
  let child: ChildProcess;
  let output = '';

  afterAll(() => {
    if (child?.pid && isAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts a working cloud, prints its URLs, serves the dashboard and Swagger UI, and Ctrl-C leaves nothing behind', async () => {
    const [port, agentPort, lbPort] = [await freePort(), await freePort(), await freePort()];
    child = spawn('npm', ['start'], {
      cwd: WORKSPACE,
      detached: true,
      env: {
        ...process.env,
        STRATO_PORT: String(port),
        STRATO_AGENT_PORT: String(agentPort),
        STRATO_LB_PORT: String(lbPort),
        STRATO_DATA_DIR: dataDir,
        STRATO_CLOUD: cloudName,
        STRATO_NODE_PORTS: nodePortRange(),
      },
    });
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 240_000;
    while (!output.includes('Press Ctrl-C to stop.') && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(output).toContain('Press Ctrl-C to stop.');

    const manager = `http://127.0.0.1:${port}`;
    expect(output).toContain(`Dashboard      ${manager}/`);
    expect(output).toContain(`Swagger UI     ${manager}/api/docs`);
    expect(output).toContain(`Load balancer  http://127.0.0.1:${lbPort}/light`);
    expect(output).toMatch(/Owner token\s+\S+owner-token/);
    // A data dir of its own: the banner says what the CLI in another terminal needs (issue 11, item 6).
    expect(output).toContain(`for the cloud CLI in another terminal: export STRATO_DATA_DIR=${dataDir}`);

    const dashboard = await fetch(`${manager}/`);
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain('<strato-root');
    const swagger = await fetch(`${manager}/api/docs`);
    expect(swagger.status).toBe(200);
    expect(await swagger.text()).toContain('swagger-ui');

    // A node too, so that stopping has something to clean up.
    const env = { STRATO_URL: manager, STRATO_DATA_DIR: dataDir };
    expect((await cloud(['init'], env)).code).toBe(0);
    expect((await cloud(['register', 'n1', 'light'], env)).code).toBe(0);
    expect((await cloud(['launch', 'light'], env)).code).toBe(0);
    expect((await fetch(`http://127.0.0.1:${lbPort}/light`)).status).toBe(200);

    const started = descendants(child.pid as number);
    expect(started.length).toBeGreaterThanOrEqual(3);
    process.kill(-(child.pid as number), 'SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));

    await new Promise((r) => setTimeout(r, 500));
    expect(started.filter(isAlive)).toEqual([]);
    for (const p of [port, agentPort, lbPort]) {
      await expect(fetch(`http://127.0.0.1:${p}/`)).rejects.toThrow();
    }
    const containers = await dockerApi<unknown[]>(
      `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ label: [`strato.cloud=${cloudName}`] }))}`,
    ).catch(() => ({ status: 0, body: [] }));
    expect(containers.body).toEqual([]);
  }, 300_000);
});
