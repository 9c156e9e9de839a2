import { InvalidLoadOptionsError } from '../errors/invalid-load-options.error';
import { takeOffsets } from './arrival-schedule';
import { traceSchedule } from './trace-schedule';

describe('traceSchedule', () => {
  it('replays timestamps at their own times, from the first, past a header and comments', () => {
    const csv =
      'timestamp,user\n# recorded on a Tuesday\n1764590400.000,a\n1764590400.250,b\n1764590401.5,c\n';
    const schedule = traceSchedule('timestamps', csv, 1);
    expect(takeOffsets(schedule)).toEqual([0, 250, 1500]);
    expect(schedule.durationMs).toBe(1501);
  });

  it('keeps the same instant twice (a burst) but refuses time going back, naming the line', () => {
    expect(takeOffsets(traceSchedule('timestamps', '0\n0\n0.5\n', 1))).toEqual([0, 0, 500]);
    expect(() => traceSchedule('timestamps', '0\n2\n1\n', 1, 'day.csv')).toThrow(
      'day.csv: timestamps must not go back (1 after 2, value 3)',
    );
  });

  it('replays per-second rates as Poisson arrivals within each second, the same for the same seed', () => {
    const csv = 'rate\n100\n0\n300\n';
    const offsets = takeOffsets(traceSchedule('rates', csv, 4));
    const inSecond = (s: number) => offsets.filter((at) => at >= s * 1000 && at < (s + 1) * 1000).length;
    expect(inSecond(1)).toBe(0);
    expect(inSecond(0)).toBeGreaterThan(70); // mean 100, sd 10
    expect(inSecond(0)).toBeLessThan(130);
    expect(inSecond(2)).toBeGreaterThan(250); // mean 300, sd 17
    expect(inSecond(2)).toBeLessThan(350);
    expect(takeOffsets(traceSchedule('rates', csv, 4))).toEqual(offsets);
  });

  it.each([
    ['', 'holds no value'],
    ['header only\n', 'holds no value'],
    ['1\nabc\n', 'line 2: "abc" is not a number'],
  ])('refuses an unreadable trace %j: %s', (csv, message) => {
    expect(() => traceSchedule('timestamps', csv, 1)).toThrow(InvalidLoadOptionsError);
    expect(() => traceSchedule('timestamps', csv, 1)).toThrow(message);
  });

  it('refuses a negative rate', () => {
    expect(() => traceSchedule('rates', '5\n-1\n', 1, 'r.csv')).toThrow(
      'r.csv: rate -1 at second 1 must be >= 0',
    );
  });
});
