import { formatSummary, runLoad, constant } from '@strato/loadgen';
import { cloud } from './support/cli';
import { type RunningCloud, startCloud } from './support/cloud-harness';
import { freshGet } from './support/fresh-get';
import { describeEachCloud } from './support/variants';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachCloud('no request lost on $runtime nodes behind the $lb balancer', (options) => {
  let running: RunningCloud;
  const cli = (...args: string[]) => cloud(args, running.cliEnv);

  beforeAll(async () => {
    running = await startCloud(options);
    expect((await cli('init')).code).toBe(0);
    for (let i = 1; i <= 6; i++) expect((await cli('register', `n${i}`, 'light')).code).toBe(0);
    for (let i = 1; i <= 3; i++) expect((await cli('launch', 'light')).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
  });

  it('serves 200 req/s for 30 s with zero failures while 3 nodes join, 3 leave and the algorithm changes', async () => {
    const load = runLoad({
      target: `${running.lbUrl}/light`,
      schedule: constant(200),
      durationMs: 30_000,
      timeoutMs: 10_000,
    });
    const steps: string[][] = [
      ['launch', 'light'],
      ['launch', 'light'],
      ['launch', 'light'],
      ['rm', 'n1'],
      ['rm', 'n2'],
      ['rm', 'n3'],
      ['lb', 'algorithm', 'light', 'leastconn'],
    ];
    for (const step of steps) {
      await sleep(3000);
      const result = await cli(...step);
      expect({ step, code: result.code, stderr: result.stderr }).toEqual({
        step,
        code: 0,
        stderr: expect.any(String),
      });
    }
    const result = await load;
    console.log(formatSummary(result));
    expect(result.sent).toBeGreaterThanOrEqual(5900);
    expect(result.failed).toBe(0);
    expect(result.statusCounts).toEqual({ '200': result.sent });
  });

  it('shows the result in cloud lb status and cloud lb watch', async () => {
    const status = JSON.parse((await cli('lb', 'status', '--json')).stdout);
    const light = status.pods.find((p: { pod: string }) => p.pod === 'light');
    expect(light.algorithm).toBe('leastconn');
    expect(light.servers.map((s: { node: string }) => s.node).sort()).toEqual(['n4', 'n5', 'n6']);
    expect(light.servers.every((s: { health: string }) => s.health === 'up')).toBe(true);
    const watch = await cli('lb', 'watch', '--count', '1');
    expect(watch.code).toBe(0);
    expect(watch.stdout).toMatch(/n4\s+│\s+127\.0\.0\.1:\d+\s+│\s+up/);
  });

  it('weights: 0 keeps new requests off a node; out of range and unknown nodes are refused', async () => {
    expect((await cli('lb', 'algorithm', 'light', 'roundrobin')).code).toBe(0);
    expect(await cli('lb', 'weight', 'n4', '0')).toMatchObject({ code: 0, stdout: 'node n4 has weight 0\n' });
    const served = new Set<string>();
    for (let i = 0; i < 20; i++)
      served.add(((await freshGet(`${running.lbUrl}/light`)).body as { node: string }).node);
    expect([...served].sort()).toEqual(['n5', 'n6']);
    expect(await cli('lb', 'weight', 'n4', '300')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('weight must not be greater than 256'),
    });
    expect(await cli('lb', 'weight', 'ghost', '1')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('unknown node "ghost"'),
    });
    expect(await cli('lb', 'algorithm', 'light', 'fastest')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Allowed choices are'),
    });
  });
});
