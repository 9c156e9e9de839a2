import { newLines } from './follow-lines';

describe('newLines', () => {
  it.each([
    ['a log that only grew', ['a', 'b'], ['a', 'b', 'c'], ['c']],
    ['a window that slid', ['a', 'b', 'c'], ['b', 'c', 'd', 'e'], ['d', 'e']],
    ['nothing new', ['a', 'b'], ['a', 'b'], []],
    ['a first read', [], ['a'], ['a']],
    ['a log that was replaced', ['x', 'y'], ['a', 'b'], ['a', 'b']],
    ['repeated lines', ['ok', 'ok'], ['ok', 'ok', 'ok'], ['ok']],
  ])('%s', (_name, previous, current, expected) => {
    expect(newLines(previous, current)).toEqual(expected);
  });
});
