import type { RuntimeNode } from '../lib/node-runtime';
import { capsEnforcedOrNotRun } from './node-runtime-live-contract';

describe('capsEnforcedOrNotRun', () => {
  const node = (limits: RuntimeNode['limits']): RuntimeNode => ({
    nodeId: 'n1',
    incarnation: 1,
    pod: 'light',
    port: 1,
    host: '127.0.0.1',
    state: 'running',
    runtime: 'process',
    limits,
  });
  const uncapped = node({ enforced: false, reason: 'cgroup /sys/fs/cgroup/x is not writable (EACCES)' });
  const ci = process.env['CI'];
  afterEach(() => {
    if (ci === undefined) delete process.env['CI'];
    else process.env['CI'] = ci;
    jest.restoreAllMocks();
  });

  it('lets a cap test run where the node is capped', () => {
    expect(capsEnforcedOrNotRun('process', 'CPU cap', node({ enforced: true, reason: null }))).toBe(true);
  });

  it('fails a cap test under CI=true when the caps are not enforced, giving the reason', () => {
    process.env['CI'] = 'true';
    expect(() => capsEnforcedOrNotRun('process', 'CPU cap', uncapped)).toThrow(
      'process: "CPU cap" cannot run: caps are not enforced on this host (cgroup /sys/fs/cgroup/x is not writable (EACCES)); under CI=true a cap test that cannot enforce fails',
    );
  });

  it('reports it loudly as not run outside CI', () => {
    delete process.env['CI'];
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(capsEnforcedOrNotRun('process', 'CPU cap', uncapped)).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('NOT RUN: process: "CPU cap" cannot run'));
  });
});
