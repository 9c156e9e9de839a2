import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import type { RuntimeEvent } from '../runtime-event';
import { ProcessNodeEvents } from './process-node-events';
import { NoProcessLimits, type ProcessLimits } from './process-limits';
import type { ProcessNodeLocator } from './process-node-locator';

describe('ProcessNodeEvents', () => {
  it('reports an exit even when the OOM counter cannot be read (the cgroup is gone already)', async () => {
    const limits: ProcessLimits = Object.assign(new NoProcessLimits('no cgroups in this test'), {
      oomKills: () => Promise.reject(new Error('ENODEV: no such device, read')),
    });
    const locator = { watchable: async () => [] } as unknown as ProcessNodeLocator;
    const warnings: string[] = [];
    const logger = { warn: (message: string) => void warnings.push(message) };
    const events = new ProcessNodeEvents(locator, Promise.resolve(limits), logger, 60_000);
    const seen: RuntimeEvent[] = [];
    const unsubscribe = events.subscribe((event) => seen.push(event));
    const child = new EventEmitter() as ChildProcess;
    events.watchChild({ nodeId: 'n1', incarnation: 4, pod: 'light', pid: 123 }, child);
    child.emit('exit', null, 'SIGTERM');
    for (let i = 0; i < 50 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    unsubscribe();
    expect(seen).toEqual([
      expect.objectContaining({
        type: 'exited',
        nodeId: 'n1',
        incarnation: 4,
        signal: 'SIGTERM',
        oomKilled: false,
      }),
    ]);
    expect(warnings.join('\n')).toContain('could not read the OOM counter of node n1');
  });
});
