import { lastLines } from './tail-lines';

describe('lastLines', () => {
  it.each([
    ['a\nb\nc\n', 2, 'b\nc\n'],
    ['a\nb\nc', 2, 'b\nc\n'],
    ['a\n', 5, 'a\n'],
    ['', 3, ''],
  ])('keeps the last lines of %j (%i)', (text, count, expected) => {
    expect(lastLines(text, count)).toBe(expected);
  });
});
