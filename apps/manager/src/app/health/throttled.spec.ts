import { Throttled } from './throttled';

describe('Throttled', () => {
  let now: number;
  let loads: number;
  let throttled: Throttled<number>;

  beforeEach(() => {
    now = 1_000;
    loads = 0;
    throttled = new Throttled(
      async () => ++loads,
      5_000,
      () => now,
    );
  });

  it('loads once for every caller within the max age, then again', async () => {
    expect(await throttled.get()).toBe(1);
    now += 4_999;
    expect(await Promise.all([throttled.get(), throttled.get()])).toEqual([1, 1]);
    now += 1;
    expect(await throttled.get()).toBe(2);
    expect(loads).toBe(2);
  });

  it('shares one run between callers that arrive while it loads', async () => {
    expect(await Promise.all([throttled.get(), throttled.get(), throttled.refresh()])).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
  });

  it('refreshes on demand and keeps that value for the callers that follow', async () => {
    await throttled.get();
    expect(await throttled.refresh()).toBe(2);
    expect(await throttled.get()).toBe(2);
  });

  it('keeps no failed run: the next caller loads again', async () => {
    const failing = new Throttled(
      async () => {
        if (++loads === 1) throw new Error('agent unreachable');
        return loads;
      },
      5_000,
      () => now,
    );
    await expect(failing.get()).rejects.toThrow('agent unreachable');
    expect(await failing.get()).toBe(2);
  });
});
