import { engineLimits, isLimitWarning, limitsFromWarnings } from './engine-limits';

const NO_SWAP =
  'Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap.';

describe('engine limits', () => {
  it('takes a create without warnings as every cap applied', () => {
    expect(limitsFromWarnings([])).toEqual({ enforced: true, reason: null });
  });

  it('reports a cap the engine dropped as not enforced, quoting the engine', () => {
    expect(limitsFromWarnings([NO_SWAP])).toEqual({
      enforced: false,
      reason:
        'the docker engine did not apply every cap: Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap',
    });
  });

  it('leaves warnings that are not about caps out', () => {
    const platform =
      "The requested image's platform (linux/arm64) does not match the detected host platform (linux/amd64)";
    expect(isLimitWarning(platform)).toBe(false);
    expect(isLimitWarning(NO_SWAP)).toBe(true);
    expect(limitsFromWarnings([platform])).toEqual({ enforced: true, reason: null });
  });

  it.each([
    [{ MemoryLimit: true, SwapLimit: true, CpuCfsQuota: true }, null],
    [{}, null],
    [
      { MemoryLimit: true, SwapLimit: false, CpuCfsQuota: true },
      'the docker engine reports no swap limit support (nodes may swap past their memory cap)',
    ],
    [
      { MemoryLimit: false, SwapLimit: false, CpuCfsQuota: false },
      'the docker engine reports no memory limit support, no swap limit support (nodes may swap past their memory cap), no CPU CFS quota support',
    ],
  ])('reads the engine capabilities %j', (info, reason) => {
    expect(engineLimits(info)).toEqual({ enforced: reason === null, reason });
  });
});
