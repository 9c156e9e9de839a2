import { formatNumber } from './format-number';

describe('formatNumber', () => {
  it.each([
    [0.1 + 0.2, '0.3'],
    [0, '0'],
    [-0, '0'],
    [0.000123456, '0.000123'],
    [0.5, '0.5'],
    [12.3456, '12.346'],
    [99.99, '99.99'],
    [999, '999'],
    [1234.5, '1,235'],
    [-123456, '-123,456'],
    [Number.NaN, '–'],
    [Number.POSITIVE_INFINITY, '∞'],
  ])('%p reads %p', (value, expected) => {
    expect(formatNumber(value)).toBe(expected);
  });
});
