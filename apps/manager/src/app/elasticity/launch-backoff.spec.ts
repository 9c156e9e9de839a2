import { LaunchBackoff } from './launch-backoff';

describe('LaunchBackoff', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [4, 8_000],
    [9, 256_000],
    [10, 300_000],
    [50, 300_000],
  ])('after %i failures in a row waits %i ms', (failures, delay) => {
    const backoff = new LaunchBackoff(1_000, 300_000);
    let last = 0;
    for (let i = 0; i < failures; i++) last = backoff.failed('light', 'boom', 0);
    expect(last).toBe(delay);
    expect(backoff.waitMs('light', 0)).toBe(delay);
    expect(backoff.waitMs('light', delay)).toBe(0);
  });

  it('forgets a key on success and keeps keys apart', () => {
    const backoff = new LaunchBackoff();
    backoff.failed('light', 'boom', 0);
    backoff.failed('heavy', 'boom', 0);
    backoff.succeeded('light');
    expect(backoff.waitMs('light', 0)).toBe(0);
    expect(backoff.waitMs('heavy', 0)).toBe(1_000);
  });
});
