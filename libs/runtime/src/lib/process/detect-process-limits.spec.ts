import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeLimits } from '@strato/contracts';
import { FakeCgroupV2 } from '../../testing/fake-cgroup-v2';
import { CgroupV1ProcessLimits } from './cgroup-v1-process-limits';
import { CgroupV2ProcessLimits } from './cgroup-v2-process-limits';
import { detectProcessLimits, type CgroupHost } from './detect-process-limits';
import type { ProcessLimits } from './process-limits';

describe('detectProcessLimits', () => {
  let dir: string;
  let count = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strato-detect-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function detect(
    mounts: string,
    host: CgroupHost = {},
  ): Promise<{ limits: ProcessLimits; enforced: NodeLimits; warnings: string[]; logs: string[] }> {
    const procMountsPath = join(dir, `mounts${++count}`);
    await writeFile(procMountsPath, mounts);
    const warnings: string[] = [];
    const logs: string[] = [];
    const logger = { warn: (message: string) => warnings.push(message), log: (m: string) => logs.push(m) };
    const limits = await detectProcessLimits('c1', logger, { procMountsPath, ...host });
    return { limits, enforced: limits.limits, warnings, logs };
  }

  /** A v2-only host: the agent runs in strato-agent.service, which systemd made with cpu and memory. */
  async function v2Host(options: Parameters<typeof FakeCgroupV2.create>[1] = {}) {
    const fake = await FakeCgroupV2.create(join(dir, `tree${++count}`), options);
    await writeFile(join(fake.root, 'cgroup.subtree_control'), '+cpu +memory +pids');
    await fake.group('strato-agent.service', [4242]);
    const procSelfCgroupPath = join(dir, `self-cgroup${count}`);
    await writeFile(procSelfCgroupPath, '0::/strato-agent.service\n');
    return { fake, host: { procSelfCgroupPath, dirs: fake.dirs } };
  }

  it('keeps cgroup v1 where every controller is mounted and writable', async () => {
    const root = join(dir, `v1-${++count}`);
    const mounts = ['memory', 'cpu', 'cpuacct', 'freezer']
      .map((controller) => `cgroup ${root}/${controller} cgroup rw,${controller} 0 0`)
      .concat(`cgroup2 ${root}/unified cgroup2 rw 0 0`)
      .join('\n');
    const { limits, warnings, logs } = await detect(mounts);
    expect(limits).toBeInstanceOf(CgroupV1ProcessLimits);
    expect(warnings).toEqual([]);
    expect(logs).toEqual([expect.stringContaining('caps enforced with cgroup v1')]);
  });

  it('uses cgroup v2 in the agent’s own group on a v2-only host, saying which pids it moved', async () => {
    const { fake, host } = await v2Host();
    const { limits, enforced, warnings, logs } = await detect(fake.procMounts(), host);
    expect(limits).toBeInstanceOf(CgroupV2ProcessLimits);
    expect(enforced).toEqual({ enforced: true, reason: null });
    expect(warnings).toEqual([]);
    expect(logs).toEqual([
      expect.stringMatching(
        /moved pid\(s\) 4242 from .*strato-agent.service to .*strato-agent.service\/agent/,
      ),
      expect.stringMatching(/caps enforced with cgroup v2 \(.*strato-agent.service\/nodes\/c1\/<node>\)/),
    ]);
  });

  it('uses a delegated v2 root when given one, whatever /proc says', async () => {
    const fake = await FakeCgroupV2.create(join(dir, `tree${++count}`));
    const { limits } = await detect('', { v2Root: fake.root, dirs: fake.dirs });
    expect(limits).toBeInstanceOf(CgroupV2ProcessLimits);
  });

  it('runs nodes uncapped on a v2 host whose controllers are not delegated, saying so', async () => {
    const { fake, host } = await v2Host({ controllers: ['pids'] });
    const { enforced, warnings } = await detect(fake.procMounts(), host);
    expect(enforced).toEqual({
      enforced: false,
      reason: expect.stringMatching(
        /^the cpu and memory controllers are not available in .*strato-agent.service \(it offers pids\)/,
      ),
    });
    expect(warnings).toEqual([`process runtime: CPU and memory caps are NOT enforced: ${enforced.reason}`]);
  });

  it('on a hybrid host that cannot write v1, gives both reasons (v2 there has no cpu or memory)', async () => {
    const file = join(dir, 'not-a-directory');
    await writeFile(file, '');
    const fake = await FakeCgroupV2.create(join(dir, `unified${++count}`), { controllers: ['hugetlb'] });
    const procSelfCgroupPath = join(dir, `self-cgroup${count}`);
    await writeFile(procSelfCgroupPath, '4:memory:/\n0::/\n');
    const mounts = ['memory', 'cpu', 'cpuacct', 'freezer']
      .map((controller) => `cgroup ${file}/${controller} cgroup rw,${controller} 0 0`)
      .concat(fake.procMounts())
      .join('\n');
    const { enforced } = await detect(mounts, { procSelfCgroupPath, dirs: fake.dirs });
    expect(enforced.enforced).toBe(false);
    expect(enforced.reason).toMatch(/^cgroup v1: cannot create .*ENOTDIR.*; cgroup v2: the cpu and memory/);
    expect(enforced.reason).toContain('(it offers hugetlb)');
  });

  it('says when there is neither a complete v1 nor any v2 mount', async () => {
    const { enforced } = await detect('cgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0\n');
    expect(enforced.reason).toBe(
      'no cgroup v1 mount for cpu, cpuacct, freezer, and no cgroup2 file system is mounted',
    );
  });

  it('falls back when /proc/mounts cannot be read', async () => {
    const warnings: string[] = [];
    const limits = await detectProcessLimits(
      'c1',
      { warn: (m) => warnings.push(m) },
      { procMountsPath: join(dir, 'missing') },
    );
    expect(limits.limits.enforced).toBe(false);
    expect(warnings[0]).toContain('cannot read');
  });
});
