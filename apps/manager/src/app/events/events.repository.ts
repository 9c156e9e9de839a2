import { Inject, Injectable, Logger } from '@nestjs/common';
import { DATABASE, type Db } from '../store/database';

export interface CloudEvent {
  id: number;
  at: string;
  type: string;
  pod: string | null;
  node: string | null;
  message: string;
}

export interface EventFilter {
  pod?: string;
  node?: string;
  type?: string;
  before?: number;
  limit: number;
}

export type NewEvent = Omit<CloudEvent, 'id' | 'at' | 'pod' | 'node'> & { pod?: string; node?: string };

/** The append-only event log: every lifecycle change, with its reason. */
@Injectable()
export class EventsRepository {
  private readonly logger = new Logger('Events');

  constructor(@Inject(DATABASE) private readonly db: Db) {}

  append(event: NewEvent): CloudEvent {
    const at = new Date().toISOString();
    const result = this.db
      .prepare('INSERT INTO events (at, type, pod, node, message) VALUES (?, ?, ?, ?, ?)')
      .run(at, event.type, event.pod ?? null, event.node ?? null, event.message);
    this.logger.log(`${event.type}: ${event.message}`);
    return {
      id: Number(result.lastInsertRowid),
      at,
      type: event.type,
      pod: event.pod ?? null,
      node: event.node ?? null,
      message: event.message,
    };
  }

  /** Newest first; `before` (an event id) pages further back. */
  list(filter: EventFilter): CloudEvent[] {
    return this.db
      .prepare(
        `SELECT id, at, type, pod, node, message FROM events
         WHERE (@pod IS NULL OR pod = @pod) AND (@node IS NULL OR node = @node)
           AND (@type IS NULL OR type = @type) AND (@before IS NULL OR id < @before)
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({
        pod: filter.pod ?? null,
        node: filter.node ?? null,
        type: filter.type ?? null,
        before: filter.before ?? null,
        limit: filter.limit,
      }) as CloudEvent[];
  }
}
