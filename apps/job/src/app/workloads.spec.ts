import { countPrimes, touchMemory } from './workloads';

describe('workloads', () => {
  it.each([
    [2, 0],
    [3, 1],
    [10, 4],
    [100, 25],
    [30_000, 3245],
  ])('counts primes below %d: %d', (limit, expected) => {
    expect(countPrimes(limit)).toBe(expected);
  });

  it('touches the memory it is asked for', () => {
    expect(touchMemory(2)).toBe(2 * 1024 * 1024);
    expect(touchMemory(0)).toBe(0);
  });
});
