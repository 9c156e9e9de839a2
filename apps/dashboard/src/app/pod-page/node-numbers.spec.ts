import { aUsage } from '../../testing/fake-pod-routes';
import { ageOf, cpuShare, memoryShare } from './node-numbers';

const MIB = 2 ** 20;

describe('node numbers', () => {
  it.each([
    [24, 0.3, 0.8, '24 % of 0.3 CPU'],
    [30, 0.3, 1, '30 % of 0.3 CPU'],
    [2.46, 0.5, 0.0492, '2.5 % of 0.5 CPU'],
    [45, 0.3, 1.5, '45 % of 0.3 CPU'],
  ])('%d %% of one core under a %d CPU cap fills %d of the bar', (cpuPercent, cpus, fraction, text) => {
    const share = cpuShare(aUsage({ node: 'n1', cpuPercent, cpus }));
    expect(share.fraction).toBeCloseTo(fraction);
    expect(share.text).toBe(text);
  });

  it('draws no CPU bar without a sample', () => {
    expect(cpuShare(aUsage({ node: 'n1', cpuPercent: null }))).toEqual({ fraction: null, text: '—' });
    expect(cpuShare(undefined)).toEqual({ fraction: null, text: '—' });
  });

  it.each([
    [40 * MIB, 100 * MIB, 0.4, '40 of 100 MiB'],
    [0.5 * MIB, 64 * MIB, 0.5 / 64, '0.5 of 64 MiB'],
    [40 * MIB, null, null, '40 MiB, no limit'],
    [null, 100 * MIB, null, '—'],
  ])('%d bytes against a limit of %s fill %s', (memoryBytes, memoryLimitBytes, fraction, text) => {
    const share = memoryShare(aUsage({ node: 'n1', memoryBytes, memoryLimitBytes }));
    expect(share.text).toBe(text);
    if (fraction === null) expect(share.fraction).toBeNull();
    else expect(share.fraction).toBeCloseTo(fraction);
  });

  const now = Date.parse('2026-01-03T12:00:00.000Z');
  it.each([
    ['2026-01-03T11:59:20.000Z', '40 s'],
    ['2026-01-03T11:57:00.000Z', '3 min'],
    ['2026-01-03T07:00:00.000Z', '5 h'],
    ['2026-01-01T12:00:00.000Z', '2 d'],
    ['2026-01-03T12:00:05.000Z', '0 s'],
  ])('a node created at %s is %s old', (createdAt, age) => {
    expect(ageOf(createdAt, now)).toBe(age);
  });
});
