import type { RuntimeEvent, RuntimeEventListener, RuntimeLogger, Unsubscribe } from './runtime-event';

export interface EventSource {
  /** Called when the first listener subscribes: begin watching. */
  start(): void;
  /** Called when the last listener leaves: release streams and timers. */
  stop(): void;
}

/** Fans runtime events out to listeners; watching runs only while someone listens. */
export class RuntimeEventHub {
  private readonly listeners = new Set<RuntimeEventListener>();

  constructor(
    private readonly source: EventSource,
    private readonly logger: RuntimeLogger,
  ) {}

  get active(): boolean {
    return this.listeners.size > 0;
  }

  subscribe(listener: RuntimeEventListener): Unsubscribe {
    // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
    const entry: RuntimeEventListener = (event) => listener(event);
    this.listeners.add(entry);
    if (this.listeners.size === 1) this.source.start();
    return () => {
      if (!this.listeners.delete(entry)) return;
      if (this.listeners.size === 0) this.source.stop();
    };
  }

  emit(event: RuntimeEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.logger.warn(
          `runtime event listener failed on ${event.type} of node ${event.nodeId}: ${String(error)}`,
        );
      }
    }
  }
}
