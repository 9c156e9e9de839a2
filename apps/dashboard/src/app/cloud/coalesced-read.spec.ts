import { CoalescedRead } from './coalesced-read';

describe('CoalescedRead', () => {
  function deferredReads() {
    const pending: (() => void)[] = [];
    let count = 0;
    const read = new CoalescedRead(
      () =>
        new Promise<void>((resolve) => {
          count++;
          pending.push(resolve);
        }),
    );
    const finishOne = async (): Promise<void> => {
      pending.shift()?.();
      await new Promise((resolve) => setTimeout(resolve));
    };
    return { read, finishOne, count: () => count };
  }

  it('reads at once when none is out', async () => {
    const { read, finishOne, count } = deferredReads();
    const done = read.request();
    expect(count()).toBe(1);
    expect(read.busy).toBe(true);
    await finishOne();
    await done;
    expect(read.busy).toBe(false);
  });

  it('collapses the asks that come while a read is out into one more read', async () => {
    const { read, finishOne, count } = deferredReads();
    void read.request();
    void read.request();
    void read.request();
    expect(count()).toBe(1);
    await finishOne();
    expect(count()).toBe(2);
    await finishOne();
    expect(count()).toBe(2);
    expect(read.busy).toBe(false);
  });
});
