import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeCgroupV2, groupFiles } from '../../testing/fake-cgroup-v2';
import { prepareCgroupV2Subtree } from '../cgroup/cgroup-v2-subtree';
import { CgroupV2ProcessLimits } from './cgroup-v2-process-limits';

describe('CgroupV2ProcessLimits', () => {
  let scratch: string;
  let fake: FakeCgroupV2;
  let nodesDir: string;
  let limits: CgroupV2ProcessLimits;
  const spec = { nodeId: 'n1', cpus: 0.3, memoryMiB: 100 };

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'strato-cgroup-v2-limits-'));
    fake = await FakeCgroupV2.create(scratch);
    await writeFile(join(scratch, 'cgroup.subtree_control'), 'cpu memory\n');
    const own = await fake.group('strato-agent.service', [process.pid]);
    const outcome = await prepareCgroupV2Subtree(own, fake.dirs);
    if (!('nodesDir' in outcome)) throw new Error(outcome.reason);
    nodesDir = outcome.nodesDir;
    limits = new CgroupV2ProcessLimits(nodesDir, 'c1', fake.dirs);
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  const group = (): string => `${nodesDir}/c1/n1`;

  it('writes memory.max, memory.swap.max 0 and cpu.max in the node group, which the job server joins before exec', async () => {
    const argv = await limits.wrap(spec, ['/usr/bin/node', 'server.js']);
    expect(argv).toEqual([
      '/bin/sh',
      '-c',
      expect.stringContaining('cgroup.procs'),
      'strato-join',
      '1',
      group(),
      '/usr/bin/node',
      'server.js',
    ]);
    expect(await readFile(`${nodesDir}/c1/cgroup.subtree_control`, 'utf8')).toBe('+cpu +memory');
    expect(await groupFiles(group())).toMatchObject({
      'memory.max': String(100 * 2 ** 20),
      'memory.swap.max': '0',
      'cpu.max': '30000 100000',
    });
    expect(limits.limits).toEqual({ enforced: true, reason: null });
    expect(await limits.nodeLimits('n1')).toEqual({ enforced: true, reason: null });
  });

  it('changes the CPU cap of a running node in cpu.max (a boot boost ending)', async () => {
    await limits.wrap({ ...spec, nodeId: 'boot', cpus: 1 }, ['x']);
    expect(await readFile(`${nodesDir}/c1/boot/cpu.max`, 'utf8')).toBe('100000 100000');
    await limits.setCpus('boot', 0.3);
    expect(await readFile(`${nodesDir}/c1/boot/cpu.max`, 'utf8')).toBe('30000 100000');
    await limits.release('boot');
  });

  it('keeps a tiny CPU share at the kernel minimum quota of 1 ms per period', async () => {
    await limits.wrap({ nodeId: 'tiny', cpus: 0.001, memoryMiB: 64 }, ['x']);
    expect(await readFile(`${nodesDir}/c1/tiny/cpu.max`, 'utf8')).toBe('1000 100000');
    await limits.release('tiny');
  });

  it('freezes with cgroup.freeze 1 and waits until cgroup.events reads "frozen 1"; thaws with 0', async () => {
    let settled = false;
    const freezing = limits.freeze('n1').then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await readFile(`${group()}/cgroup.freeze`, 'utf8')).toBe('1');
    expect(settled).toBe(false);
    expect(await limits.isFrozen('n1')).toBe(true);
    await writeFile(`${group()}/cgroup.events`, 'populated 1\nfrozen 1\n');
    await freezing;
    await limits.thaw('n1');
    expect(await readFile(`${group()}/cgroup.freeze`, 'utf8')).toBe('0');
    expect(await limits.isFrozen('n1')).toBe(false);
  });

  it('gives up freezing after 2 s if the group never reports frozen', async () => {
    await writeFile(`${group()}/cgroup.events`, 'populated 1\nfrozen 0\n');
    await expect(limits.freeze('n1')).rejects.toThrow(/still not "frozen 1" after 2000 ms/);
    await limits.thaw('n1');
  });

  it('counts OOM kills from memory.events, and samples from the group files', async () => {
    expect(await limits.oomKills('n1')).toBe(0);
    await writeFile(`${group()}/memory.events`, 'low 0\nhigh 0\nmax 40\noom 1\noom_kill 1\n');
    expect(await limits.oomKills('n1')).toBe(1);
    await writeFile(
      `${group()}/cpu.stat`,
      'usage_usec 5000\nnr_periods 4\nnr_throttled 3\nthrottled_usec 9\n',
    );
    await writeFile(`${group()}/memory.current`, '2048\n');
    expect(await limits.sample('n1', process.pid)).toEqual({
      cpuUsageNanos: 5_000_000,
      cpuQuotaCpus: 0.3,
      memoryBytes: 2048,
      memoryLimitBytes: 100 * 2 ** 20,
      throttledPeriods: 3,
      totalPeriods: 4,
      source: 'cgroup',
    });
  });

  it('starts every run in a fresh group, so an earlier run’s OOM kill is not counted again', async () => {
    await limits.wrap(spec, ['x']);
    expect(await limits.oomKills('n1')).toBe(0);
  });

  it('lists the pids of the group, and releases it with the cloud group once it is empty', async () => {
    await writeFile(`${group()}/cgroup.procs`, `${process.pid}\n`);
    expect(await limits.pids('n1')).toEqual([process.pid]);
    await expect(limits.release('n1')).rejects.toThrow(/cannot remove cgroup .*EBUSY/);
    await writeFile(`${group()}/cgroup.procs`, '');
    await limits.release('n1');
    expect(existsSync(group())).toBe(false);
    expect(existsSync(`${nodesDir}/c1`)).toBe(false);
    expect(existsSync(nodesDir)).toBe(true);
  });

  it('says a node whose group is gone runs outside its caps, reads its OOM counter as 0 and /proc for stats', async () => {
    expect(await limits.nodeLimits('n1')).toEqual({
      enforced: false,
      reason: expect.stringContaining('runs outside a cgroup'),
    });
    expect(await limits.oomKills('n1')).toBe(0);
    expect(await limits.isFrozen('n1')).toBe(false);
    expect((await limits.sample('n1', process.pid)).source).toBe('proc');
    await limits.thaw('n1');
  });
});
