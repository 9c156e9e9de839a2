import { DEFAULT_PODS, POD_NAME_PATTERN, resolvePodAlias } from './pods';

describe('pods', () => {
  it.each([
    ['0', 'light'],
    ['1', 'medium'],
    ['2', 'heavy'],
    ['heavy', 'heavy'],
    ['custom', 'custom'],
    ['toString', 'toString'],
    ['__proto__', '__proto__'],
  ])('resolves %s to %s', (alias, name) => {
    expect(resolvePodAlias(alias)).toBe(name);
  });

  it('defines the course pods with their caps and limits', () => {
    expect(DEFAULT_PODS.map((p) => [p.name, p.cpus, p.memoryMiB, p.maxNodes])).toEqual([
      ['light', 0.3, 100, 20],
      ['medium', 0.5, 300, 15],
      ['heavy', 0.8, 500, 10],
    ]);
  });

  it.each(['light', 'gpu-2'])('accepts the pod name %s', (name) =>
    expect(POD_NAME_PATTERN.test(name)).toBe(true),
  );
  it.each(['', 'Light', '1x', 'a/b', 'x'.repeat(40)])('rejects the pod name %j', (name) =>
    expect(POD_NAME_PATTERN.test(name)).toBe(false),
  );
});
