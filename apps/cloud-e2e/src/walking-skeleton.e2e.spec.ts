import { cloud } from './support/cli';
import { type RunningCloud, startCloud } from './support/cloud-harness';
import { freshGet } from './support/fresh-get';
import { dockerApi } from './support/infrastructure';
import { capsToExpect, runtimeNodes } from './support/runtime-nodes';
import { describeEachCloud } from './support/variants';

interface ContainerInspect {
  Config: { Labels: Record<string, string> };
  HostConfig: { NetworkMode: string; NanoCpus: number; Memory: number };
  State: { Running: boolean };
}

describeEachCloud('walking skeleton on $runtime nodes behind the $lb balancer', (options) => {
  let running: RunningCloud;
  const cli = (...args: string[]) => cloud(args, running.cliEnv);

  beforeAll(async () => {
    running = await startCloud(options);
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
  });

  it('cloud init creates the pods light, medium and heavy', async () => {
    const init = await cli('init');
    expect(init).toMatchObject({ code: 0 });
    expect(init.stdout).toContain('created pods: light, medium, heavy');
    const pods = JSON.parse((await cli('pod', 'ls', '--json')).stdout) as Array<{
      name: string;
      cpus: number;
    }>;
    expect(pods.map((p) => [p.name, p.cpus])).toEqual([
      ['light', 0.3],
      ['medium', 0.5],
      ['heavy', 0.8],
    ]);
  });

  it('cloud register n1 light creates node n1 with status NEW', async () => {
    const register = await cli('register', 'n1', 'light');
    expect(register).toMatchObject({ code: 0, stdout: 'registered node n1 in pod light (NEW)\n' });
    const nodes = JSON.parse((await cli('node', 'ls', 'light', '--json')).stdout);
    expect(nodes).toEqual([expect.objectContaining({ name: 'n1', pod: 'light', status: 'NEW', port: null })]);
  });

  it('cloud launch light starts n1, waits for its health and puts it ONLINE', async () => {
    const launch = await cli('launch', 'light');
    expect(launch.code).toBe(0);
    expect(launch.stdout).toMatch(/^node n1 is ONLINE at 127\.0\.0\.1:\d+\n$/);
    const table = (await cli('node', 'ls')).stdout;
    expect(table).toMatch(/n1\s+│\s+light\s+│\s+ONLINE\s+│\s+127\.0\.0\.1:\d+/);
  });

  it("answers GET /light through the load balancer with n1's job JSON", async () => {
    const response = await fetch(`${running.lbUrl}/light`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ job: 'light', node: 'n1', pod: 'light', result: 3245 });
    expect(body.elapsedMs).toBeGreaterThan(0);
  });

  it('answers 503 with a JSON body for a pod with no online node', async () => {
    const response = await fetch(`${running.lbUrl}/heavy`);
    expect(response.status).toBe(503);
    expect((await response.json()).message).toMatch(/heavy/);
  });

  it('cloud pause light makes /light answer 503 saying so; cloud resume light brings n1 back', async () => {
    expect(await cli('pause', 'light')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('pod light is paused'),
    });
    const paused = await freshGet(`${running.lbUrl}/light`);
    expect(paused).toMatchObject({ status: 503, body: { message: 'pod light is paused' } });
    expect(JSON.parse((await cli('node', 'ls', 'light', '--json')).stdout)[0].status).toBe('PAUSED');
    expect((await cli('resume', '0')).code).toBe(0);
    const resumed = await freshGet(`${running.lbUrl}/light`);
    expect(resumed).toMatchObject({ status: 200, body: { node: 'n1' } });
  });

  if (options.runtime === 'docker') {
    it('runs n1 as a container on the host network with the light caps and labels', async () => {
      const { status, body } = await dockerApi<ContainerInspect>(
        `/containers/strato-${running.name}-n1/json`,
      );
      expect(status).toBe(200);
      expect(body.State.Running).toBe(true);
      expect(body.HostConfig).toMatchObject({
        NetworkMode: 'host',
        NanoCpus: 0.3e9,
        Memory: 100 * 1024 * 1024,
      });
      expect(body.Config.Labels).toMatchObject({
        'strato.cloud': running.name,
        'strato.pod': 'light',
        'strato.node': 'n1',
      });
    });
  } else {
    it('runs n1 as a job-server process with the light caps where the host enforces them', async () => {
      const n1 = (await runtimeNodes(running, 'process')).get('n1');
      expect(n1).toMatchObject({ pod: 'light', running: true });
      expect(n1?.caps).toEqual(await capsToExpect(running, 'process', 'n1', { cpus: 0.3, memoryMiB: 100 }));
    });
  }
});
