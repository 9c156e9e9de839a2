import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeCgroupV2, type FakeCgroupV2Options } from '../../testing/fake-cgroup-v2';
import { prepareCgroupV2Subtree, subtreeBase } from './cgroup-v2-subtree';

describe('prepareCgroupV2Subtree', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'strato-cgroup-v2-subtree-'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  let count = 0;
  /** A fresh v2 tree whose root hands cpu and memory down, and the agent's service group in it. */
  async function host(options: FakeCgroupV2Options = {}, procs = [4242, 4243]) {
    const fake = await FakeCgroupV2.create(join(scratch, `tree${++count}`), options);
    await writeFile(join(fake.root, 'cgroup.subtree_control'), 'cpu memory io pids\n');
    await fake.group('system.slice');
    await writeFile(join(fake.root, 'system.slice/cgroup.subtree_control'), 'cpu memory pids\n');
    const own = await fake.group('system.slice/strato-agent.service', procs);
    return { fake, own };
  }
  const read = (path: string): Promise<string> => readFile(path, 'utf8');

  it('moves the agent out of its own group into <own>/agent, then hands cpu and memory down to <own>/nodes', async () => {
    const { fake, own } = await host();
    expect(await prepareCgroupV2Subtree(own, fake.dirs)).toEqual({
      nodesDir: `${own}/nodes`,
      moved: [4242, 4243],
    });
    // One pid per write: the file shows the last one written.
    expect(await read(`${own}/agent/cgroup.procs`)).toBe('4243');
    expect(await read(`${own}/cgroup.subtree_control`)).toBe('+cpu +memory');
    expect(await read(`${own}/nodes/cgroup.subtree_control`)).toBe('+cpu +memory');
    expect(await read(`${own}/nodes/cpu.max`)).toBe('max 100000\n');
  });

  it('leaves an already prepared group as it is (an agent restarted in it moves nobody)', async () => {
    const { fake, own } = await host();
    await prepareCgroupV2Subtree(own, fake.dirs);
    expect(await prepareCgroupV2Subtree(own, fake.dirs)).toEqual({ nodesDir: `${own}/nodes`, moved: [] });
  });

  it('moves no process out of the root of a hierarchy, which the "no internal processes" rule spares', async () => {
    const fake = await FakeCgroupV2.create(join(scratch, `tree${++count}`));
    await writeFile(join(fake.root, 'cgroup.procs'), '1\n77\n');
    expect(await prepareCgroupV2Subtree(fake.root, fake.dirs)).toEqual({
      nodesDir: `${fake.root}/nodes`,
      moved: [],
    });
  });

  it('finds the base again from inside the agent leaf it made, so a restarted agent sees its nodes', async () => {
    const { fake, own } = await host();
    await prepareCgroupV2Subtree(own, fake.dirs);
    expect(await subtreeBase(`${own}/agent`)).toBe(own);
    expect(await subtreeBase(own)).toBe(own);
  });

  it.each<[string, FakeCgroupV2Options, RegExp]>([
    [
      'the controllers are bound to cgroup v1 (a hybrid host)',
      { controllers: ['hugetlb'] },
      /cpu and memory controllers are not available in .*strato-agent.service \(it offers none\): bound to cgroup v1, or not delegated/,
    ],
    [
      'the kernel has no swap accounting',
      { swapAccounting: false },
      /has no memory.swap.max \(kernel without swap accounting\): nodes could swap past their memory cap/,
    ],
    [
      'the kernel has no cgroup freezer',
      { freezer: false },
      /has no cgroup.freeze \(kernel before 5.2\): nodes could not be paused/,
    ],
  ])('gives the reason when %s', async (_case, options, reason) => {
    const { fake, own } = await host(options);
    expect(await prepareCgroupV2Subtree(own, fake.dirs)).toEqual({ reason: expect.stringMatching(reason) });
  });

  it('says the group is not delegated when it may not be written (EACCES)', async () => {
    const { fake, own } = await host();
    const denied = Object.assign(new Error(`EACCES: permission denied, mkdir '${own}/agent'`), {
      code: 'EACCES',
    });
    const dirs = { ...fake.dirs, mkdir: () => Promise.reject(denied) };
    const outcome = await prepareCgroupV2Subtree(own, dirs);
    expect(outcome).toEqual({ reason: expect.stringContaining(`cannot set up ${own}/nodes: EACCES`) });
    expect(outcome).toEqual({ reason: expect.stringContaining('not delegated to this agent') });
    expect(outcome).toEqual({ reason: expect.stringContaining('Delegate=yes') });
  });

  it('says when the directory is no cgroup v2 group at all', async () => {
    const nothing = { mkdir: () => Promise.resolve(), rmdir: () => Promise.resolve() };
    expect(await prepareCgroupV2Subtree(join(scratch, 'nowhere'), nothing)).toEqual({
      reason: `${join(scratch, 'nowhere')} is not a cgroup v2 group`,
    });
  });
});
