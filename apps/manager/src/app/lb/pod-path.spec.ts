import { podFromUrl } from './pod-path';

describe('podFromUrl', () => {
  it.each([
    ['/light', 'light'],
    ['/light/', 'light'],
    ['/light/job/1', 'light'],
    ['/light?n=3', 'light'],
    ['/lightweight', 'lightweight'],
    ['/', null],
    ['', null],
    ['//light', null],
    ['light', null],
  ])('%j addresses %p', (url, pod) => {
    expect(podFromUrl(url)).toBe(pod);
  });
});
