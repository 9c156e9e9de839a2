import { MonotonicCounters } from './monotonic-counters';

describe('MonotonicCounters', () => {
  it.each<[string, Array<number | 'rebase'>, number[]]>([
    ['passes growing values through', [0, 3, 7], [0, 3, 7]],
    ['keeps counting after an unannounced reset', [5, 9, 2, 4], [5, 9, 11, 13]],
    ['keeps counting after an announced reset', [5, 9, 'rebase', 12], [5, 9, 21]],
    ['never goes down when a reset is announced and the next value is 0', [4, 'rebase', 0, 1], [4, 4, 5]],
    ['survives two resets in a row', [6, 1, 'rebase', 2], [6, 7, 9]],
  ])('%s', (_name, steps, expected) => {
    const counters = new MonotonicCounters();
    const seen: number[] = [];
    for (const step of steps) {
      if (step === 'rebase') counters.rebase();
      else seen.push(counters.observe('be_light/n1 stot', step));
    }
    expect(seen).toEqual(expected);
  });

  it('keeps keys apart and forgets a removed server', () => {
    const counters = new MonotonicCounters();
    counters.observe('light/n1 stot', 5);
    expect(counters.observe('light/n2 stot', 1)).toBe(1);
    counters.forget('light/n1 ');
    expect(counters.observe('light/n1 stot', 2)).toBe(2);
  });
});
