import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectProcessLimits } from './detect-process-limits';

describe('detectProcessLimits', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strato-detect-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function detect(mounts: string): Promise<{ enforced: boolean; warnings: string[] }> {
    const path = join(dir, 'mounts');
    await writeFile(path, mounts);
    const warnings: string[] = [];
    const limits = await detectProcessLimits('c1', { warn: (message) => warnings.push(message) }, path);
    return { enforced: limits.enforced, warnings };
  }

  it('falls back to uncapped nodes, saying why, when a controller is not mounted', async () => {
    expect(await detect('cgroup2 /sys/fs/cgroup cgroup2 rw 0 0\n')).toEqual({
      enforced: false,
      warnings: [expect.stringContaining('no cgroup v1 mount for memory, cpu, cpuacct, freezer')],
    });
  });

  it('falls back to uncapped nodes when groups cannot be created there', async () => {
    const file = join(dir, 'not-a-directory');
    await writeFile(file, '');
    const mounts = ['memory', 'cpu', 'cpuacct', 'freezer']
      .map((controller) => `cgroup ${file}/${controller} cgroup rw,${controller} 0 0`)
      .join('\n');
    const { enforced, warnings } = await detect(mounts);
    expect(enforced).toBe(false);
    expect(warnings).toEqual([expect.stringMatching(/cannot create .*ENOTDIR/)]);
  });

  it('falls back when /proc/mounts cannot be read', async () => {
    const warnings: string[] = [];
    const limits = await detectProcessLimits('c1', { warn: (m) => warnings.push(m) }, join(dir, 'missing'));
    expect(limits.enforced).toBe(false);
    expect(warnings[0]).toContain('cannot read');
  });
});
