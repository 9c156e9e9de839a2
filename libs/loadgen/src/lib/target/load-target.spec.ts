import { InvalidLoadOptionsError } from '../errors/invalid-load-options.error';
import { NonLoopbackTargetError } from '../errors/non-loopback-target.error';
import { mulberry32 } from '../schedule/prng';
import { jobMixTargets } from './job-mix';
import { isLoopbackHost, resolveTargets, targetPicker } from './load-target';

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['[::1]', true],
    ['198.51.100.1', false],
    ['0.0.0.0', false],
    ['127.example.com', false],
    ['localhost.example.com', false],
    ['example.com', false],
  ])('%s → %p', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('resolveTargets', () => {
  it('names a single URL by its path', () => {
    expect(resolveTargets('http://127.0.0.1:8080/light')).toEqual([
      { name: '/light', url: new URL('http://127.0.0.1:8080/light'), weight: 1 },
    ]);
  });

  it.each(['http://example.com/', 'http://203.0.113.3:80/', 'http://[2001:db8::1]/'])(
    'refuses non-loopback %s',
    (url) => {
      expect(() => resolveTargets(url)).toThrow(NonLoopbackTargetError);
      expect(() =>
        resolveTargets([
          { url: 'http://127.0.0.1/', weight: 1 },
          { url, weight: 1 },
        ]),
      ).toThrow(NonLoopbackTargetError);
    },
  );

  it('accepts a non-loopback host only when explicitly allowed', () => {
    expect(resolveTargets('http://example.com/', true)).toHaveLength(1);
  });

  it.each([
    ['https://127.0.0.1/', 1],
    ['not a url', 1],
    ['http://127.0.0.1/', 0],
    ['http://127.0.0.1/', -2],
  ])('rejects %s with weight %p', (url, weight) => {
    expect(() => resolveTargets([{ url, weight }])).toThrow(InvalidLoadOptionsError);
  });

  it('rejects an empty list and duplicate names', () => {
    expect(() => resolveTargets([])).toThrow(InvalidLoadOptionsError);
    const twice = { url: 'http://127.0.0.1/a', weight: 1 };
    expect(() => resolveTargets([twice, twice])).toThrow(InvalidLoadOptionsError);
  });
});

describe('targetPicker', () => {
  it('draws targets in proportion to their weights', () => {
    const targets = resolveTargets(jobMixTargets('http://127.0.0.1:9000'));
    const pick = targetPicker(targets, mulberry32(3));
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const name = pick().name;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const share = (name: string) => (counts.get(name) ?? 0) / 20_000;
    expect(Math.abs(share('light') - 0.7)).toBeLessThan(0.01);
    expect(Math.abs(share('medium') - 0.25)).toBeLessThan(0.01);
    expect(Math.abs(share('heavy') - 0.05)).toBeLessThan(0.005);
  });
});

describe('jobMixTargets', () => {
  it('builds /light, /medium and /heavy on the base URL, leaving out zero weights', () => {
    const mix = jobMixTargets('http://127.0.0.1:9000/', { light: 3, heavy: 1, medium: 0 });
    expect(mix.map((t) => [t.name, String(t.url), t.weight])).toEqual([
      ['light', 'http://127.0.0.1:9000/light', 3],
      ['heavy', 'http://127.0.0.1:9000/heavy', 1],
    ]);
  });
});
