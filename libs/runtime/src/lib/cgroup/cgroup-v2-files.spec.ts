import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCpuMax, parseMemoryMax, readCgroupV2Sample, readV2OomKills } from './cgroup-v2-files';

describe('cgroup v2 files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strato-cgroup-v2-files-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const files = async (contents: Record<string, string>): Promise<void> => {
    await Promise.all(Object.entries(contents).map(([name, text]) => writeFile(join(dir, name), text)));
  };

  it.each([
    ['30000 100000\n', 0.3],
    ['150000 100000\n', 1.5],
    ['max 100000\n', null],
  ])('reads cpu.max %j as %s CPUs', (text, cpus) => {
    expect(parseCpuMax(text)).toBe(cpus);
  });

  it('reads memory.max "max" as no limit', () => {
    expect(parseMemoryMax('max\n')).toBeNull();
    expect(parseMemoryMax('134217728\n')).toBe(134_217_728);
  });

  it('samples usage_usec in nanoseconds, memory.current minus inactive file cache, the cap and throttling', async () => {
    await files({
      'cpu.stat':
        'usage_usec 123456\nuser_usec 100000\nsystem_usec 23456\nnr_periods 30\nnr_throttled 29\nthrottled_usec 5\n',
      'cpu.max': '30000 100000\n',
      'memory.current': '50000000\n',
      'memory.stat': 'anon 30000000\nfile 20000000\ninactive_file 10000000\n',
      'memory.max': '134217728\n',
    });
    expect(await readCgroupV2Sample(dir)).toEqual({
      cpuUsageNanos: 123_456_000,
      cpuQuotaCpus: 0.3,
      memoryBytes: 40_000_000,
      memoryLimitBytes: 134_217_728,
      throttledPeriods: 29,
      totalPeriods: 30,
    });
  });

  it('counts OOM kills from the oom_kill line of memory.events, not the oom line', async () => {
    await files({ 'memory.events': 'low 0\nhigh 0\nmax 12\noom 3\noom_kill 2\noom_group_kill 0\n' });
    expect(await readV2OomKills(dir)).toBe(2);
  });
});
