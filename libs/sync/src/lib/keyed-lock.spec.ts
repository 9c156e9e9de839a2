import { KeyedLock } from './keyed-lock';

describe('KeyedLock', () => {
  const tick = () => new Promise((r) => setTimeout(r, 5));

  it('runs sections of one key one at a time, in call order, and other keys alongside', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const section = (name: string) => async () => {
      log.push(`${name} in`);
      await tick();
      log.push(`${name} out`);
    };
    await Promise.all([
      lock.run('a', section('a1')),
      lock.run('a', section('a2')),
      lock.run('b', section('b1')),
    ]);
    expect(log.indexOf('a1 out')).toBeLessThan(log.indexOf('a2 in'));
    expect(log.indexOf('b1 in')).toBeLessThan(log.indexOf('a1 out'));
  });

  it('is held while a section runs or waits, and a failure does not block the next', async () => {
    const lock = new KeyedLock();
    const failing = lock.run('a', async () => {
      await tick();
      throw new Error('boom');
    });
    expect(lock.isHeld('a')).toBe(true);
    const next = lock.run('a', async () => 'ran');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
    await tick();
    expect(lock.isHeld('a')).toBe(false);
  });
});
