import type { RuntimeLogger } from '../runtime-event';
import type { EventSource } from '../runtime-event-hub';
import { engineEventKey, type EngineEvent } from './engine-event';
import { JsonLines } from './json-lines';

export interface DockerEventStreamOptions {
  /** Opens `GET /events?since=<seconds>` with our filters; resolves once the engine answered. */
  open(sinceSeconds: number): Promise<NodeJS.ReadableStream>;
  /** Called in order, one at a time. */
  onEvent(event: EngineEvent): Promise<void>;
  logger: RuntimeLogger;
  /** Wait before the first reconnect; doubles up to maxRetryMs (defaults 250 ms and 5 s). */
  retryMs?: number;
  maxRetryMs?: number;
  now?: () => number;
}

/**
 * The engine's event stream, reopened whenever it drops. A reopen asks for events since the last one handled,
 * so a die during the gap is still reported, and skips the ones it had already handled.
 */
export class DockerEventStream implements EventSource {
  private generation = 0;
  private stream: NodeJS.ReadableStream | undefined;
  private timer: NodeJS.Timeout | undefined;
  private retryMs: number;
  private lastNano = 0;
  private readonly handledAtLast = new Set<string>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: DockerEventStreamOptions) {
    this.retryMs = options.retryMs ?? 250;
  }

  start(): void {
    this.generation++;
    this.lastNano = (this.options.now ?? Date.now)() * 1e6;
    this.handledAtLast.clear();
    void this.connect(this.generation);
  }

  stop(): void {
    this.generation++;
    clearTimeout(this.timer);
    const stream = this.stream as (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
    this.stream = undefined;
    stream?.destroy?.();
  }

  private async connect(generation: number): Promise<void> {
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.options.open(Math.floor(this.lastNano / 1e9));
    } catch (error) {
      this.options.logger.warn(
        `docker events: cannot open the stream, retrying in ${this.retryMs} ms: ${String(error)}`,
      );
      return this.retry(generation);
    }
    if (generation !== this.generation) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      return;
    }
    this.stream = stream;
    this.retryMs = this.options.retryMs ?? 250;
    const lines = new JsonLines();
    stream.on('data', (chunk: Buffer) => {
      for (const value of lines.push(chunk)) this.enqueue(value as EngineEvent, generation);
    });
    let dropped = false;
    const onDrop = (reason: string): void => {
      if (dropped || generation !== this.generation) return;
      dropped = true;
      this.options.logger.warn(`docker events: stream ${reason}, reconnecting`);
      this.retry(generation);
    };
    stream.on('error', (error: unknown) => onDrop(`failed (${String(error)})`));
    stream.on('end', () => onDrop('ended'));
    stream.on('close', () => onDrop('closed'));
  }

  private retry(generation: number): void {
    if (generation !== this.generation) return;
    this.timer = setTimeout(() => void this.connect(generation), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, this.options.maxRetryMs ?? 5_000);
  }

  private enqueue(event: EngineEvent, generation: number): void {
    this.queue = this.queue.then(async () => {
      if (generation !== this.generation || !this.isNew(event)) return;
      try {
        await this.options.onEvent(event);
      } catch (error) {
        this.options.logger.warn(
          `docker events: handling ${event.Action} of ${event.Actor?.ID} failed: ${String(error)}`,
        );
      }
    });
  }

  private isNew(event: EngineEvent): boolean {
    const nano = event.timeNano ?? 0;
    const key = engineEventKey(event);
    if (nano < this.lastNano || (nano === this.lastNano && this.handledAtLast.has(key))) return false;
    if (nano > this.lastNano) this.handledAtLast.clear();
    this.lastNano = nano;
    this.handledAtLast.add(key);
    return true;
  }
}
