import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { DATABASE, type Db, prepared } from '../store/database';

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

/** Appends between two prunes, at most: a prune is two indexed deletes, cheap at this pace. */
const PRUNE_EVERY_APPENDS = 500;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The append-only event log: every lifecycle change, with its reason. It keeps the newest
 * `eventsMaxCount` events of the last `eventsMaxAgeDays`, pruned at boot and every few hundred appends.
 */
@Injectable()
export class EventsRepository implements OnModuleInit {
  private readonly logger = new Logger('Events');
  /** Never more than the maximum itself, so a small log never holds more than twice its maximum. */
  private readonly pruneEvery: number;
  private appendsSincePrune = 0;

  constructor(
    @Inject(DATABASE) private readonly db: Db,
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
  ) {
    this.pruneEvery = Math.min(PRUNE_EVERY_APPENDS, config.eventsMaxCount);
  }

  onModuleInit(): void {
    this.prune();
  }

  /** Deletes the events older than the maximum age, then all but the newest maximum count. */
  prune(): void {
    this.appendsSincePrune = 0;
    const cutoff = new Date(Date.now() - this.config.eventsMaxAgeDays * DAY_MS).toISOString();
    const old = prepared(this.db, 'DELETE FROM events WHERE at < ?').run(cutoff).changes;
    const surplus = prepared(
      this.db,
      'DELETE FROM events WHERE id <= (SELECT id FROM events ORDER BY id DESC LIMIT 1 OFFSET ?)',
    ).run(this.config.eventsMaxCount).changes;
    if (old + surplus > 0) {
      this.logger.log(
        `pruned ${old} events older than ${this.config.eventsMaxAgeDays} days, ${surplus} beyond the newest ${this.config.eventsMaxCount}`,
      );
    }
  }

  /** The event is written by then: a failed prune is logged, and the next interval tries again. */
  private pruneAfterAppend(): void {
    try {
      this.prune();
    } catch (error) {
      this.logger.warn(`pruning the event log failed: ${(error as Error).message}`);
    }
  }

  append(event: NewEvent): CloudEvent {
    const at = new Date().toISOString();
    const result = prepared(
      this.db,
      'INSERT INTO events (at, type, pod, node, message) VALUES (?, ?, ?, ?, ?)',
    ).run(at, event.type, event.pod ?? null, event.node ?? null, event.message);
    this.logger.log(`${event.type}: ${event.message}`);
    if (++this.appendsSincePrune >= this.pruneEvery) this.pruneAfterAppend();
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
    return prepared(
      this.db,
      `SELECT id, at, type, pod, node, message FROM events
         WHERE (@pod IS NULL OR pod = @pod) AND (@node IS NULL OR node = @node)
           AND (@type IS NULL OR type = @type) AND (@before IS NULL OR id < @before)
         ORDER BY id DESC LIMIT @limit`,
    ).all({
      pod: filter.pod ?? null,
      node: filter.node ?? null,
      type: filter.type ?? null,
      before: filter.before ?? null,
      limit: filter.limit,
    }) as CloudEvent[];
  }

  /** Oldest first: the events after `id` (a resume point), of one pod if given, at most `limit`. */
  after(id: number, pod: string | undefined, limit: number): CloudEvent[] {
    return prepared(
      this.db,
      `SELECT id, at, type, pod, node, message FROM events
         WHERE id > @id AND (@pod IS NULL OR pod = @pod) ORDER BY id ASC LIMIT @limit`,
    ).all({ id, pod: pod ?? null, limit }) as CloudEvent[];
  }

  /** The ids of the oldest and the newest event kept; both 0 when the log is empty. */
  idRange(): { first: number; last: number } {
    const row = prepared(this.db, 'SELECT MIN(id) AS first, MAX(id) AS last FROM events').get() as {
      first: number | null;
      last: number | null;
    };
    return { first: row.first ?? 0, last: row.last ?? 0 };
  }
}
