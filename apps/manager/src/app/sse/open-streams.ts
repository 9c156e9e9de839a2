import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Response } from 'express';
import { type ServerSentEvents, startServerSentEvents } from './server-sent-events';

/**
 * Every server-sent-event stream the manager has open, ended when it shuts down: an open stream
 * never ends by itself, and the HTTP server waits for its connections before it closes.
 */
@Injectable()
export class OpenStreams implements OnModuleDestroy {
  private readonly open = new Set<ServerSentEvents>();

  start(response: Response): ServerSentEvents {
    const stream = startServerSentEvents(response);
    this.open.add(stream);
    stream.gone.addEventListener('abort', () => this.open.delete(stream), { once: true });
    return stream;
  }

  get count(): number {
    return this.open.size;
  }

  onModuleDestroy(): void {
    for (const stream of [...this.open]) stream.end();
  }
}
