import type { ChildProcess } from 'node:child_process';
import type { RuntimeEventListener, RuntimeLogger, Unsubscribe } from '../runtime-event';
import { RuntimeEventHub } from '../runtime-event-hub';
import { processExitedEvent, type ChildExit } from './process-exit-event';
import { ProcessExitWatcher, type WatchedProcess } from './process-exit-watcher';
import type { ProcessLimits } from './process-limits';
import type { ProcessNodeLocator } from './process-node-locator';

/**
 * Exits of one cloud's process nodes: from the child handle for nodes this adapter spawned (exact status, at
 * once), from pid polling for nodes it found already running (after an agent restart).
 */
export class ProcessNodeEvents {
  private readonly hub: RuntimeEventHub;
  /** `nodeId:pid` of every child this adapter spawned: the poller leaves their exits to the child handle. */
  private readonly children = new Set<string>();

  constructor(
    locator: ProcessNodeLocator,
    private readonly limits: Promise<ProcessLimits>,
    private readonly logger: RuntimeLogger,
    pollMs: number,
  ) {
    const watcher = new ProcessExitWatcher({
      nodes: () => locator.watchable(),
      isAlive: async (watched) => (await locator.probe(watched.nodeId, watched.pid)) !== 'gone',
      reportedByChild: (watched) => this.children.has(key(watched)),
      onExit: (watched) => this.report(watched, undefined),
      logger,
      intervalMs: pollMs,
    });
    this.hub = new RuntimeEventHub(watcher, logger);
  }

  subscribe(listener: RuntimeEventListener): Unsubscribe {
    return this.hub.subscribe(listener);
  }

  watchChild(watched: WatchedProcess, child: ChildProcess): void {
    this.children.add(key(watched));
    child.once('exit', (code, signal) => void this.report(watched, { code, signal }));
  }

  /** An exit is always reported; only the OOM evidence may be missing (the cgroup can be gone already). */
  private async report(watched: WatchedProcess, exit: ChildExit | undefined): Promise<void> {
    if (!this.hub.active) return;
    const oomKills = await this.oomKills(watched.nodeId);
    this.hub.emit(processExitedEvent(watched, exit, oomKills, Date.now()));
  }

  private async oomKills(nodeId: string): Promise<number> {
    try {
      return await (await this.limits).oomKills(nodeId);
    } catch (error) {
      this.logger.warn(
        `process runtime: could not read the OOM counter of node ${nodeId} (${String(error)}); its exit is reported as not OOM-killed`,
      );
      return 0;
    }
  }
}

function key(watched: WatchedProcess): string {
  return `${watched.nodeId}:${watched.pid}`;
}
