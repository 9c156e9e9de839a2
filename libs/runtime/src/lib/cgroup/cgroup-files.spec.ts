import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { limitBytes, parseKeyValues, quotaCpus, readCgroupSample, readOomKills } from './cgroup-files';

describe('cgroup files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strato-cgroup-files-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const files = async (contents: Record<string, string>): Promise<void> => {
    await Promise.all(Object.entries(contents).map(([name, text]) => writeFile(join(dir, name), text)));
  };

  it('parses key-value files', () => {
    expect(parseKeyValues('nr_periods 30\nnr_throttled 29\nthrottled_time 1200\n')).toEqual(
      new Map([
        ['nr_periods', 30],
        ['nr_throttled', 29],
        ['throttled_time', 1200],
      ]),
    );
  });

  it.each([
    [30_000, 100_000, 0.3],
    [150_000, 100_000, 1.5],
    [-1, 100_000, null],
  ])('turns quota %d / period %d into %s CPUs', (quota, period, cpus) => {
    expect(quotaCpus(quota, period)).toBe(cpus);
  });

  it('reads the unlimited memory limit as null', () => {
    expect(limitBytes(9_223_372_036_854_771_712)).toBeNull();
    expect(limitBytes(33_554_432)).toBe(33_554_432);
  });

  it('samples usage minus inactive file cache, the CFS cap and the throttling counters', async () => {
    await files({
      'cpuacct.usage': '123456789\n',
      'memory.usage_in_bytes': '50000000\n',
      'memory.stat': 'cache 100\ninactive_file 4\ntotal_inactive_file 10000000\n',
      'memory.limit_in_bytes': '134217728\n',
      'cpu.stat': 'nr_periods 30\nnr_throttled 29\nthrottled_time 5\n',
      'cpu.cfs_quota_us': '30000\n',
      'cpu.cfs_period_us': '100000\n',
    });
    const dirs = { memory: dir, cpu: dir, cpuacct: dir, freezer: dir };
    expect(await readCgroupSample(dirs)).toEqual({
      cpuUsageNanos: 123_456_789,
      cpuQuotaCpus: 0.3,
      memoryBytes: 40_000_000,
      memoryLimitBytes: 134_217_728,
      throttledPeriods: 29,
      totalPeriods: 30,
    });
  });

  it('counts OOM kills from memory.oom_control, or from failcnt on kernels without the counter', async () => {
    await files({
      'memory.oom_control': 'oom_kill_disable 0\nunder_oom 0\noom_kill 1\n',
      'memory.failcnt': '7\n',
    });
    expect(await readOomKills(dir)).toBe(1);
    await files({ 'memory.oom_control': 'oom_kill_disable 0\nunder_oom 0\n' });
    expect(await readOomKills(dir)).toBe(7);
  });
});
