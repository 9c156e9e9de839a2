import { timeAgo } from './relative-time';

describe('timeAgo', () => {
  const at = '2026-01-01T10:00:00.000Z';
  const after = (seconds: number): number => Date.parse(at) + seconds * 1000;

  it.each([
    [-5, 'just now'],
    [0.4, 'just now'],
    [12, '12 s ago'],
    [59, '59 s ago'],
    [60, '1 min ago'],
    [3599, '59 min ago'],
    [3 * 3600, '3 h ago'],
    [2 * 86400 + 5, '2 d ago'],
  ])('%s s after the event says %j', (seconds, expected) => {
    expect(timeAgo(at, after(seconds))).toBe(expected);
  });

  it('says nothing for a time it cannot read', () => {
    expect(timeAgo('not a date', Date.now())).toBe('');
  });
});
