import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, httpGet, startTestNode, type TestNode } from '../../testing/http-fixtures';
import { haproxyForTests } from '../../testing/haproxy-availability';
import type { HaproxyConfigModel, HaproxyPodConfig } from '../config/haproxy-config-model';
import { renderHaproxyConfig } from '../config/render-haproxy-config';
import { HaproxyConfigInvalidError, HaproxyServerBusyError, HaproxyServerNotInMaintError } from '../errors';
import { joinServer, leaveServer } from '../runtime/server-lifecycle';
import { HaproxySupervisor } from './haproxy-supervisor';

const { binary, describeIfHaproxy } = haproxyForTests();

describeIfHaproxy('HaproxySupervisor + HaproxyRuntimeApi with the real haproxy', () => {
  jest.setTimeout(30_000);
  let workDir: string;
  let supervisor: HaproxySupervisor;
  let port: number;
  let fast: TestNode;
  let slow: TestNode;
  const base = (): string => `http://127.0.0.1:${port}`;

  const model = (pods: HaproxyPodConfig[]): HaproxyConfigModel => ({
    adminSocketPath: supervisor.paths.adminSocket,
    serverStateFile: supervisor.paths.serverState,
    bind: { host: '127.0.0.1', port },
    pods,
  });
  const light = (servers: HaproxyPodConfig['servers'] = []): HaproxyPodConfig => ({
    name: 'light',
    algorithm: 'roundrobin',
    paused: false,
    servers,
  });
  const heavy: HaproxyPodConfig = { name: 'heavy', algorithm: 'source', paused: true, servers: [] };

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'strato-haproxy-'));
    supervisor = new HaproxySupervisor({ binary: binary ?? 'haproxy', workDir });
    port = await freePort();
    [fast, slow] = await Promise.all([startTestNode('fast'), startTestNode('slow', 3000)]);
    await supervisor.start(renderHaproxyConfig(model([light(), heavy])));
  });

  afterAll(async () => {
    await supervisor?.stop();
    await Promise.all([fast?.close(), slow?.close()]);
    rmSync(workDir, { recursive: true, force: true });
  });

  it('answers 503 JSON for an empty pod and a paused pod, 404 JSON for an unknown path', async () => {
    const [empty, paused, unknown] = await Promise.all(
      ['/light', '/heavy?x=1', '/nope'].map((path) => httpGet(`${base()}${path}`)),
    );
    expect(empty).toMatchObject({ status: 503, contentType: 'application/json' });
    expect(JSON.parse(empty.body)).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'pod light has no online node',
    });
    expect(JSON.parse(paused.body).message).toBe('pod heavy is paused');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).paths).toEqual(['/light', '/heavy']);
  });

  it('puts an added server into rotation without a reload (add, enable health, ready)', async () => {
    await supervisor.runtime.addServer('be_light', 'fast', { host: '127.0.0.1', port: fast.port, weight: 1 });
    await supervisor.runtime.enableHealth('be_light', 'fast');
    await supervisor.runtime.setState('be_light', 'fast', 'ready');
    await expect(httpGet(`${base()}/light?n=1`)).resolves.toMatchObject({ status: 200, body: 'fast' });
    const [row] = await supervisor.runtime.showStat('be_light');
    expect(row).toMatchObject({ name: 'fast', addr: `127.0.0.1:${fast.port}`, stot: 1 });
  });

  it('refuses to delete a server that is not in maintenance, then deletes it from maint once idle', async () => {
    await supervisor.runtime.addServer('be_light', 'slow', { host: '127.0.0.1', port: slow.port, weight: 1 });
    await supervisor.runtime.setState('be_light', 'slow', 'ready');
    await expect(supervisor.runtime.delServer('be_light', 'slow')).rejects.toThrow(
      HaproxyServerNotInMaintError,
    );
    await supervisor.runtime.setState('be_light', 'slow', 'drain');
    expect((await supervisor.runtime.showStat('be_light')).find((r) => r.name === 'slow')?.status).toBe(
      'DRAIN',
    );
    await supervisor.runtime.setState('be_light', 'slow', 'maint');
    await supervisor.runtime.delServer('be_light', 'slow');
    expect((await supervisor.runtime.showStat('be_light')).map((r) => r.name)).toEqual(['fast']);
  });

  it('answers "still has connections" while a request is in flight on a server in maint', async () => {
    await joinServer(supervisor.runtime, 'be_light', 'slow', {
      host: '127.0.0.1',
      port: slow.port,
      weight: 1,
    });
    await supervisor.runtime.setState('be_light', 'fast', 'drain');
    const inFlight = httpGet(`${base()}/light`);
    // In service on slow (3 s) before the reload, however loaded the machine: no fixed wait to outrun.
    const inService = async () =>
      (await supervisor.runtime.showStat('be_light')).find((r) => r.name === 'slow')?.scur === 1;
    for (const until = Date.now() + 2_000; !(await inService()) && Date.now() < until; )
      await new Promise((resolve) => setTimeout(resolve, 20));
    await supervisor.runtime.setState('be_light', 'slow', 'maint');
    await expect(supervisor.runtime.delServer('be_light', 'slow')).rejects.toThrow(HaproxyServerBusyError);
    await expect(inFlight).resolves.toMatchObject({ status: 200, body: 'slow' });
    // The finished request parked its backend connection in the idle pool: leaveServer purges it.
    const left = await leaveServer(supervisor.runtime, 'be_light', 'slow');
    expect(left.waitedMs).toBeLessThan(1000);
    await supervisor.runtime.setState('be_light', 'fast', 'ready');
  });

  it('leaves through drain while a slow request is in flight, losing no request', async () => {
    await joinServer(supervisor.runtime, 'be_light', 'slow', {
      host: '127.0.0.1',
      port: slow.port,
      weight: 1,
    });
    await supervisor.runtime.setState('be_light', 'fast', 'drain');
    const inFlight = httpGet(`${base()}/light`);
    // In service on slow (3 s) before the reload, however loaded the machine: no fixed wait to outrun.
    const inService = async () =>
      (await supervisor.runtime.showStat('be_light')).find((r) => r.name === 'slow')?.scur === 1;
    for (const until = Date.now() + 2_000; !(await inService()) && Date.now() < until; )
      await new Promise((resolve) => setTimeout(resolve, 20));
    await supervisor.runtime.setState('be_light', 'fast', 'ready');
    const left = await leaveServer(supervisor.runtime, 'be_light', 'slow');
    await expect(inFlight).resolves.toMatchObject({ status: 200, body: 'slow' });
    expect(left.drained).toBe(true);
    expect(left.waitedMs).toBeGreaterThan(300);
    expect((await supervisor.runtime.showStat('be_light')).map((r) => r.name)).toEqual(['fast']);
  });

  it('reloads hitlessly with a new worker, keeping the servers rendered into the config', async () => {
    const worker = async (): Promise<string> =>
      (await supervisor.runtime.execute('show info')).match(/Pid: (\d+)/)?.[1] ?? '';
    const before = await worker();
    const servers = [{ name: 'fast', host: '127.0.0.1', port: fast.port, weight: 1 }];
    await supervisor.reload(
      renderHaproxyConfig(model([{ ...light(servers), algorithm: 'leastconn' }, heavy])),
    );
    expect(await worker()).not.toBe(before);
    await expect(httpGet(`${base()}/light`)).resolves.toMatchObject({ status: 200, body: 'fast' });
    const stats = await supervisor.runtime.showStat();
    expect(stats.find((r) => r.proxy === 'be_light' && r.type === 'backend')?.algo).toBe('leastconn');
  });

  it('keeps a runtime drain state across a reload through the server-state file', async () => {
    const servers = [{ name: 'fast', host: '127.0.0.1', port: fast.port, weight: 1 }];
    await supervisor.runtime.setState('be_light', 'fast', 'drain');
    await supervisor.reload(renderHaproxyConfig(model([light(servers), heavy])));
    expect((await supervisor.runtime.showStat('be_light'))[0].status).toBe('DRAIN');
    await supervisor.runtime.setState('be_light', 'fast', 'ready');
  });

  it('sees a request still running in the old worker after a reload', async () => {
    await joinServer(supervisor.runtime, 'be_light', 'slow', {
      host: '127.0.0.1',
      port: slow.port,
      weight: 1,
    });
    await supervisor.runtime.setState('be_light', 'fast', 'drain');
    const inFlight = httpGet(`${base()}/light`);
    // In service on slow (3 s) before the reload, however loaded the machine: no fixed wait to outrun.
    const inService = async () =>
      (await supervisor.runtime.showStat('be_light')).find((r) => r.name === 'slow')?.scur === 1;
    for (const until = Date.now() + 2_000; !(await inService()) && Date.now() < until; )
      await new Promise((resolve) => setTimeout(resolve, 20));
    const servers = [
      { name: 'fast', host: '127.0.0.1', port: fast.port, weight: 1 },
      { name: 'slow', host: '127.0.0.1', port: slow.port, weight: 1 },
    ];
    await supervisor.reload(renderHaproxyConfig(model([light(servers), heavy])));
    expect((await supervisor.runtime.showStat('be_light')).find((r) => r.name === 'slow')?.scur).toBe(0);
    expect(await supervisor.oldWorkerSessions('be_light', 'slow')).toBe(1);
    await expect(inFlight).resolves.toMatchObject({ status: 200, body: 'slow' });
    expect(await supervisor.oldWorkerSessions('be_light', 'slow')).toBe(0);
    await leaveServer(supervisor.runtime, 'be_light', 'slow');
    await supervisor.runtime.setState('be_light', 'fast', 'ready');
  });

  it('refuses an invalid config with haproxy message and keeps serving the old one', async () => {
    const broken = renderHaproxyConfig(model([light()])).replace('balance roundrobin', 'balance nonsense');
    await expect(supervisor.reload(broken)).rejects.toThrow(HaproxyConfigInvalidError);
    await expect(supervisor.reload(broken)).rejects.toThrow(/balance/);
    await expect(httpGet(`${base()}/light`)).resolves.toMatchObject({ status: 200 });
  });

  it('reattaches to the running master through the pidfile', async () => {
    const other = new HaproxySupervisor({ binary: binary ?? 'haproxy', workDir });
    await expect(other.attach()).resolves.toBe(true);
    expect(other.pid).toBe(supervisor.pid);
  });

  it('stops the master and removes its sockets', async () => {
    const pid = supervisor.pid ?? 0;
    await supervisor.stop();
    expect(() => process.kill(pid, 0)).toThrow();
    expect(existsSync(supervisor.paths.adminSocket)).toBe(false);
    expect(existsSync(supervisor.paths.masterSocket)).toBe(false);
  });
});
