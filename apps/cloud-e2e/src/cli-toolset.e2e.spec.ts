import { cloud } from './support/cli';
import { freshGet } from './support/fresh-get';
import { type RunningCloud, startCloud } from './support/cloud-harness';

describe('the cloud toolset beyond the walking skeleton (process nodes, embedded balancer)', () => {
  let running: RunningCloud;
  const cli = (...args: string[]) => cloud(args, running.cliEnv);

  beforeAll(async () => {
    running = await startCloud({ runtime: 'process', lb: 'embedded' });
    expect((await cli('init')).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
  });

  it('registers a pod with its own size, serves it at its path, and removes it with --force', async () => {
    const register = await cli(
      'pod',
      'register',
      'tiny',
      '--cpu',
      '0.2',
      '--memory',
      '64',
      '--max-nodes',
      '2',
    );
    expect(register).toMatchObject({
      code: 0,
      stdout:
        'registered pod tiny (0.2 CPU, 64 MiB, at most 2 nodes) at /tiny, running the light job at scale 1, placed spread\n',
    });
    expect((await cli('register', 't1', 'tiny')).code).toBe(0);
    expect((await cli('launch', 'tiny')).code).toBe(0);
    const response = await fetch(`${running.lbUrl}/tiny`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ node: 't1', pod: 'tiny', job: 'light' });
    expect((await fetch(`${running.lbUrl}/tiny/heavy`)).status).toBe(404);

    expect(
      await cli('pod', 'set', 'tiny', '--max-nodes', '3', '--job', 'heavy', '--job-scale', '0.01'),
    ).toMatchObject({
      code: 0,
      stdout: 'pod tiny: 0.2 CPU, 64 MiB, at most 3 nodes, runs the heavy job at scale 0.01, placed spread\n',
    });
    const heavy = await freshGet(`${running.lbUrl}/tiny`);
    expect(heavy.body).toMatchObject({ node: 't1', job: 'heavy' });
    expect(await cli('pod', 'set', 'tiny', '--job', 'huge')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Allowed choices are light, medium, heavy'),
    });
    expect(await cli('pod', 'set', 'tiny', '--job-scale', '11')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('job.scale: scale must not be greater than 10'),
    });
    expect(await cli('pod', 'rm', 'tiny')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('use --force'),
    });
    expect(await cli('pod', 'rm', 'tiny', '--force')).toMatchObject({
      code: 0,
      stdout: 'removed pod tiny\n',
    });
    expect((await fetch(`${running.lbUrl}/tiny/light`)).status).toBe(404);
    expect(JSON.parse((await cli('node', 'ls', '--json')).stdout)).toEqual([]);
  });

  it("takes the seeds' forms: a pod registered by name only, a CPU threshold written as a fraction refused", async () => {
    expect(await cli('pod', 'register', 'extra')).toMatchObject({
      code: 0,
      stdout:
        'registered pod extra (0.3 CPU, 100 MiB, at most 20 nodes) at /extra, running the light job at scale 1, placed spread\n',
    });
    expect((await cli('pod', 'rm', 'extra')).code).toBe(0);
    const fraction = await cli('elasticity', 'lower_threshold', 'light', '0.2');
    expect(fraction).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        "cpu thresholds are percent of the node's CPU cap: 0.2 would be 0.2 %; for 20 % write 20",
      ),
    });
    const percent = await cli('elasticity', 'lower_threshold', 'light', '20');
    expect(percent).toMatchObject({ code: 0, stdout: expect.stringContaining('cpu [20, 70] %') });
  });

  it('shows the status of the cloud and its event log', async () => {
    const status = await cli('status');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('load balancer: embedded at http://127.0.0.1:');
    expect(status.stdout).toMatch(
      /agent local: up at http:\/\/127\.0\.0\.1:\d+ \(process, 0 nodes, 0\/\d+ CPU reserved\)/,
    );
    const events = JSON.parse((await cli('events', '--pod', 'tiny', '--json')).stdout) as { type: string }[];
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['PodCreated', 'NodeOnline', 'NodeRemoved', 'PodRemoved']),
    );
    expect(
      (await cli('events', '--limit', '3')).stdout.split('\n').filter((l) => l.includes('│')).length,
    ).toBe(4);
  });

  it('answers --help for every command with exit code 0', async () => {
    for (const command of [
      [],
      ['pod'],
      ['node'],
      ['register'],
      ['launch'],
      ['rm'],
      ['pause'],
      ['status'],
      ['events'],
    ]) {
      const help = await cli(...command, '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Usage: cloud');
    }
  });
});
