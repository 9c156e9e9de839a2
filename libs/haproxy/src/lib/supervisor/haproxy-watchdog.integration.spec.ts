import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haproxyForTests } from '../../testing/haproxy-availability';
import { freePort, httpGet, startTestNode, type TestNode } from '../../testing/http-fixtures';
import { renderHaproxyConfig } from '../config/render-haproxy-config';
import { HaproxySupervisor } from './haproxy-supervisor';
import { HaproxyWatchdog, type HaproxyRestart } from './haproxy-watchdog';
import { waitFor } from './wait-for';

const { binary, describeIfHaproxy } = haproxyForTests();

describeIfHaproxy('HaproxyWatchdog with the real haproxy', () => {
  jest.setTimeout(20_000);
  let workDir: string;
  let supervisor: HaproxySupervisor;
  let watchdog: HaproxyWatchdog;
  let node: TestNode;
  let port: number;
  const restarts: HaproxyRestart[] = [];

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'strato-watchdog-'));
    supervisor = new HaproxySupervisor({ binary: binary ?? 'haproxy', workDir, detached: true });
    [node, port] = await Promise.all([startTestNode('n1'), freePort()]);
    const config = (): string =>
      renderHaproxyConfig({
        adminSocketPath: supervisor.paths.adminSocket,
        serverStateFile: supervisor.paths.serverState,
        bind: { host: '127.0.0.1', port },
        pods: [
          {
            name: 'light',
            algorithm: 'roundrobin',
            paused: false,
            servers: [{ name: 'n1', host: '127.0.0.1', port: node.port, weight: 1 }],
          },
        ],
      });
    await supervisor.start(config());
    watchdog = new HaproxyWatchdog(supervisor, { config, onRestart: (r) => void restarts.push(r) });
    watchdog.start();
  });

  afterAll(async () => {
    watchdog?.stop();
    await supervisor?.stop();
    await node?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  /** Kills one process and returns how long until the light pod answers again through a new master. */
  async function killAndTimeRecovery(victim: number, oldMaster: number): Promise<number> {
    const killedAt = Date.now();
    const before = restarts.length;
    process.kill(victim, 'SIGKILL');
    await waitFor(
      'haproxy to serve again under a new master',
      async () => {
        if (restarts.length === before || supervisor.pid === oldMaster) return undefined;
        return (await httpGet(`http://127.0.0.1:${port}/light`, 500)).body === 'n1' ? true : undefined;
      },
      { timeoutMs: 5000, intervalMs: 20 },
    );
    return Date.now() - killedAt;
  }

  it('restarts haproxy within 2 s after kill -9 of the master', async () => {
    const master = supervisor.pid ?? 0;
    const recoveredMs = await killAndTimeRecovery(master, master);
    console.info(`kill -9 master: serving again after ${recoveredMs} ms`, restarts.at(-1));
    expect(recoveredMs).toBeLessThan(2000);
  });

  it('restarts haproxy within 2 s after kill -9 of its worker', async () => {
    const master = supervisor.pid ?? 0;
    const [worker] = (await supervisor.showProc()).workers;
    const recoveredMs = await killAndTimeRecovery(worker.pid, master);
    console.info(`kill -9 worker: serving again after ${recoveredMs} ms`, restarts.at(-1));
    expect(recoveredMs).toBeLessThan(2000);
    expect(restarts).toHaveLength(2);
  });
});
