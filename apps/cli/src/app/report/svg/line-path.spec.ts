import { linePath } from './line-path';

describe('linePath', () => {
  it('joins unbroken points with straight segments', () => {
    expect(
      linePath([
        [0, 10],
        [5, 20.123],
      ]),
    ).toBe('M0,10L5,20.12');
  });

  it('starts a new subpath after a gap', () => {
    expect(linePath([[0, 1], [1, 2], null, [3, 4], [4, 5]])).toBe('M0,1L1,2M3,4L4,5');
  });

  it('draws a lone point between gaps as a dot', () => {
    expect(linePath([null, [2, 3], null])).toBe('M2,3h0');
  });

  it('holds each value until the next x when drawn as steps', () => {
    expect(
      linePath(
        [
          [0, 10],
          [4, 20],
          [6, 5],
        ],
        true,
      ),
    ).toBe('M0,10H4V20H6V5');
  });

  it('is empty when nothing can be drawn', () => {
    expect(linePath([null, null])).toBe('');
  });
});
