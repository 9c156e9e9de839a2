import { routeOf } from './pod-path';

describe('routeOf', () => {
  it.each([
    ['/light', 'light', 'pod'],
    ['/light/', 'light', 'pod'],
    ['/light?n=3', 'light', 'pod'],
    ['/light/heavy', 'light', 'subpath'],
    ['/light/job/1', 'light', 'subpath'],
    ['/lightweight', 'lightweight', 'pod'],
  ])('%j addresses pod %p as %p', (url, pod, kind) => {
    expect(routeOf(url)).toMatchObject({ pod, kind });
  });

  it.each(['/', '', '//light', 'light'])('%j addresses no pod', (url) => {
    expect(routeOf(url)).toBeNull();
  });

  it.each([
    ['/light?scale=10', true],
    ['/light?n=1&scale', true],
    ['/light?scaled=1', false],
    ['/light?n=scale', false],
    ['/light', false],
  ])('%j asks for a scale: %p', (url, asks) => {
    expect(routeOf(url)?.asksScale).toBe(asks);
  });
});
