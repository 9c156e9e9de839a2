import { parseCpuTicks, parseRssBytes, readProcSample } from './proc-sample';

describe('proc sample', () => {
  it('adds utime and stime, counting fields from the end of a comm that holds spaces and parentheses', () => {
    const stat = '1234 (node (a) b) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 11 0 500 0 0';
    expect(parseCpuTicks(stat)).toBe(300);
  });

  it('reads VmRSS in bytes', () => {
    expect(parseRssBytes('Name:\tnode\nVmRSS:\t   51200 kB\nVmSwap:\t0 kB\n')).toBe(51_200 * 1024);
    expect(parseRssBytes('Name:\tkthread\n')).toBe(0);
  });

  it('samples this very process', async () => {
    const sample = await readProcSample(process.pid);
    expect(sample.cpuUsageNanos).toBeGreaterThan(0);
    expect(sample.memoryBytes).toBeGreaterThan(0);
    expect(sample).toMatchObject({ cpuQuotaCpus: null, memoryLimitBytes: null });
  });
});
