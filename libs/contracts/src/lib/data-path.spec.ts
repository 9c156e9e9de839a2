import { defaultPodJob, jobWorkers, nodeConcurrencyLimit, queuePerNode } from './data-path';

describe('data path limits', () => {
  it.each([
    [0.3, 1, 2],
    [0.8, 1, 2],
    [1, 1, 2],
    [1.5, 2, 4],
    [4, 4, 8],
  ])('a %p-CPU heavy node has %p job thread(s) and takes %p requests at once', (cpus, threads, limit) => {
    expect(jobWorkers(cpus)).toBe(threads);
    expect(nodeConcurrencyLimit({ kind: 'heavy', scale: 1 }, cpus)).toBe(limit);
  });

  it('lets a node hold about 50 ms of work per thread: 2 medium requests, 8 light, 32 tiny ones', () => {
    expect(nodeConcurrencyLimit({ kind: 'medium', scale: 1 }, 0.5)).toBe(2);
    expect(nodeConcurrencyLimit({ kind: 'light', scale: 1 }, 0.3)).toBe(8);
    expect(nodeConcurrencyLimit({ kind: 'light', scale: 0.01 }, 1)).toBe(32);
    expect(nodeConcurrencyLimit({ kind: 'light', scale: 0.01 }, 2)).toBe(64);
  });

  it('queues about 10 s of each pod job per node: a few heavy jobs, hundreds of light ones', () => {
    expect(queuePerNode({ kind: 'heavy', scale: 1 }, 0.8)).toBe(3);
    expect(queuePerNode({ kind: 'medium', scale: 1 }, 0.5)).toBe(142);
    expect(queuePerNode({ kind: 'light', scale: 1 }, 0.3)).toBe(1000);
    expect(queuePerNode({ kind: 'heavy', scale: 10 }, 0.8)).toBe(2);
    expect(queuePerNode({ kind: 'heavy', scale: 0.25 }, 2)).toBe(64);
  });

  it('gives the built-in pods their own job and every other pod the light one', () => {
    expect(defaultPodJob('heavy')).toEqual({ kind: 'heavy', scale: 1 });
    expect(defaultPodJob('medium')).toEqual({ kind: 'medium', scale: 1 });
    expect(defaultPodJob('extra')).toEqual({ kind: 'light', scale: 1 });
  });
});
