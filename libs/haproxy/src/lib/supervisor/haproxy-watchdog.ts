import type { HaproxySupervisor } from './haproxy-supervisor';

export interface HaproxyRestart {
  /** How the master ended: exit code, signal, or `gone` for one we had reattached to. */
  exit: number | string;
  /** From noticing the exit to a new worker answering on the admin socket. */
  restartMs: number;
}

export interface HaproxyWatchdogOptions {
  /** The whole config from current desired state, rendered at restart time (never a stale file). */
  config: () => string;
  /** Keeps a restart from interleaving with reloads and runtime commands. */
  exclusive?: <T>(step: () => Promise<T>) => Promise<T>;
  /** Runs inside `exclusive` just before the new master is spawned: its counters will start from 0. */
  beforeRestart?: () => void;
  onRestart?: (restart: HaproxyRestart) => void;
  onError?: (error: Error) => void;
  /** How often the master's liveness is checked. Default 100 ms. */
  intervalMs?: number;
}

const MAX_BACKOFF_MS = 5000;

/**
 * Restarts haproxy when its master exits: killed, or gone after a worker died (2.6 masters exit when a
 * worker fails: `exit-on-failure: killing every processes`). Polls rather than waiting for the child's
 * `exit`, because after a manager restart the master is not our child.
 */
export class HaproxyWatchdog {
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private failures = 0;
  private notBefore = 0;

  constructor(
    private readonly supervisor: HaproxySupervisor,
    private readonly options: HaproxyWatchdogOptions,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs ?? 100);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    const exit = this.supervisor.exitStatus();
    if (this.busy || exit === null || Date.now() < this.notBefore) return;
    this.busy = true;
    const noticed = Date.now();
    const exclusive = this.options.exclusive ?? (<T>(step: () => Promise<T>): Promise<T> => step());
    try {
      const restarted = await exclusive(async () => {
        if (this.timer === null || this.supervisor.exitStatus() === null) return false;
        this.options.beforeRestart?.();
        await this.supervisor.start(this.options.config());
        return true;
      });
      this.failures = 0;
      if (restarted) this.options.onRestart?.({ exit, restartMs: Date.now() - noticed });
    } catch (error) {
      this.failures += 1;
      this.notBefore = Date.now() + Math.min(MAX_BACKOFF_MS, 100 * 2 ** this.failures);
      this.options.onError?.(error as Error);
    } finally {
      this.busy = false;
    }
  }
}
