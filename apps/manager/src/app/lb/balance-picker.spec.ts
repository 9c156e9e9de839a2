import type { BalanceAlgorithm } from '@strato/contracts';
import { BalancePicker, type Candidate } from './balance-picker';

const servers = (...spec: Array<[string, number, number?]>): Candidate[] =>
  spec.map(([id, weight, inFlight = 0]) => ({ id, weight, inFlight }));

function spread(
  algorithm: BalanceAlgorithm,
  candidates: Candidate[],
  n: number,
  key = (i: number) => `/k${i}`,
) {
  const picker = new BalancePicker();
  let seed = 1;
  const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const chosen = picker.pick(algorithm, candidates, { clientIp: `10.0.0.${i % 7}`, path: key(i), random });
    if (chosen) counts[chosen.id] = (counts[chosen.id] ?? 0) + 1;
  }
  return counts;
}

describe('BalancePicker', () => {
  it.each<[string, BalanceAlgorithm, Candidate[], number, Record<string, number>]>([
    [
      'roundrobin spreads evenly',
      'roundrobin',
      servers(['a', 1], ['b', 1], ['c', 1]),
      300,
      { a: 100, b: 100, c: 100 },
    ],
    [
      'roundrobin follows weights 3:1:0',
      'roundrobin',
      servers(['a', 3], ['b', 1], ['c', 0]),
      40,
      { a: 30, b: 10 },
    ],
    [
      'leastconn prefers the idle servers',
      'leastconn',
      servers(['a', 1, 4], ['b', 1], ['c', 1]),
      8,
      { b: 4, c: 4 },
    ],
    ['first sends everything to the first server', 'first', servers(['a', 1], ['b', 1]), 10, { a: 10 }],
  ])('%s', (_, algorithm, candidates, n, expected) => {
    expect(spread(algorithm, candidates, n)).toEqual(expected);
  });

  it('random reaches every server, roughly evenly', () => {
    const counts = spread('random', servers(['a', 1], ['b', 1], ['c', 1]), 300);
    expect(Object.values(counts).every((count) => count > 70 && count < 130)).toBe(true);
  });

  it.each<BalanceAlgorithm>(['source', 'uri'])(
    '%s sends one key to one server, and keeps it when another leaves',
    (algorithm) => {
      const picker = new BalancePicker();
      const ctx = { clientIp: '127.0.0.9', path: '/light/a' };
      const three = servers(['a', 1], ['b', 1], ['c', 1]);
      const first = picker.pick(algorithm, three, ctx);
      expect(picker.pick(algorithm, three, ctx)).toEqual(first);
      const others = three.filter((c) => c.id !== first?.id);
      const survivor = others[0];
      const chosen = picker.pick(algorithm, [first as Candidate, survivor], ctx);
      expect(chosen).toEqual(first);
    },
  );

  it('uri spreads distinct URIs over the servers', () => {
    const counts = spread('uri', servers(['a', 1], ['b', 1], ['c', 1]), 300);
    expect(Object.keys(counts).sort()).toEqual(['a', 'b', 'c']);
  });

  it('returns null without a server that may take traffic', () => {
    expect(new BalancePicker().pick('roundrobin', servers(['a', 0]), { clientIp: '', path: '/' })).toBeNull();
  });
});
