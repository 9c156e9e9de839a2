import type { RuntimeLogger } from '../runtime-event';
import type { EventSource } from '../runtime-event-hub';

export interface WatchedProcess {
  nodeId: string;
  incarnation: number | null;
  pod: string;
  pid: number;
}

export interface ProcessExitWatcherOptions {
  /** This cloud's nodes that have a pid, read again on every poll so nodes started elsewhere are seen too. */
  nodes(): Promise<WatchedProcess[]>;
  isAlive(watched: WatchedProcess): Promise<boolean>;
  /** True when the adapter holds the child itself and reports its exit, with the real status, on its own. */
  reportedByChild(watched: WatchedProcess): boolean;
  onExit(watched: WatchedProcess): Promise<void>;
  logger: RuntimeLogger;
  intervalMs: number;
}

/**
 * Notices node exits by polling pids: the only way for an adapter that did not spawn the node (a restarted
 * agent) to learn that it died. A pid must be seen alive once before its disappearance counts as an exit.
 */
export class ProcessExitWatcher implements EventSource {
  private readonly alive = new Map<string, WatchedProcess>();
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ProcessExitWatcherOptions) {}

  start(): void {
    this.generation++;
    this.alive.clear();
    void this.tick(this.generation);
  }

  stop(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async tick(generation: number): Promise<void> {
    try {
      await this.poll(generation);
    } catch (error) {
      this.options.logger.warn(`process runtime: polling node pids failed, retrying: ${String(error)}`);
    }
    if (generation !== this.generation) return;
    this.timer = setTimeout(() => void this.tick(generation), this.options.intervalMs);
    this.timer.unref();
  }

  private async poll(generation: number): Promise<void> {
    const candidates = new Map(this.alive);
    for (const watched of await this.options.nodes()) candidates.set(key(watched), watched);
    for (const [id, watched] of candidates) {
      if (await this.options.isAlive(watched)) {
        this.alive.set(id, watched);
        continue;
      }
      const wasAlive = this.alive.delete(id);
      if (wasAlive && generation === this.generation && !this.options.reportedByChild(watched)) {
        await this.options.onExit(watched);
      }
    }
  }
}

function key(watched: WatchedProcess): string {
  return `${watched.nodeId}:${watched.pid}`;
}
