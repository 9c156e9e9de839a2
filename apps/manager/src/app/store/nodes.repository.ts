import { Inject, Injectable } from '@nestjs/common';
import type { NodeLimitsView, NodeStatus, NodeView } from '@strato/contracts';
import { DATABASE, type Db, prepared } from './database';

export type NodeRecord = NodeView;

interface NodeRow {
  name: string;
  pod: string;
  status: NodeStatus;
  reason: string | null;
  agent: string | null;
  host: string | null;
  port: number | null;
  weight: number;
  incarnation: number;
  limits_enforced: number | null;
  limits_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** Not known yet: a node not launched, or launched by an agent that did not say. */
export const LIMITS_UNKNOWN: NodeLimitsView = Object.freeze({ enforced: null, reason: null });

const toRecord = (row: NodeRow): NodeRecord => ({
  name: row.name,
  pod: row.pod,
  status: row.status,
  reason: row.reason,
  agent: row.agent,
  host: row.host,
  port: row.port,
  weight: row.weight,
  incarnation: row.incarnation,
  limits: {
    enforced: row.limits_enforced === null ? null : row.limits_enforced === 1,
    reason: row.limits_reason,
  },
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface NodeUpdate {
  status?: NodeStatus;
  reason?: string | null;
  agent?: string | null;
  host?: string | null;
  port?: number | null;
  limits?: NodeLimitsView;
}

/** What a compare-and-set expects to find: the status (one of) and the incarnation it read. */
export interface NodeExpectation {
  status: NodeStatus | readonly NodeStatus[];
  incarnation: number;
}

@Injectable()
export class NodesRepository {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  list(): NodeRecord[] {
    return (prepared(this.db, 'SELECT * FROM nodes ORDER BY created_at, rowid').all() as NodeRow[]).map(
      toRecord,
    );
  }

  listByPod(pod: string): NodeRecord[] {
    const rows = prepared(this.db, 'SELECT * FROM nodes WHERE pod = ? ORDER BY created_at, rowid').all(
      pod,
    ) as NodeRow[];
    return rows.map(toRecord);
  }

  /** Per agent and pod, how many placed nodes have one of `statuses`: counted by SQLite, no record built. */
  countPlaced(statuses: readonly NodeStatus[]): { agent: string; pod: string; count: number }[] {
    return prepared(
      this.db,
      `SELECT agent, pod, COUNT(*) AS count FROM nodes
       WHERE agent IS NOT NULL AND status IN (${statuses.map(() => '?').join(', ')})
       GROUP BY agent, pod`,
    ).all(...statuses) as { agent: string; pod: string; count: number }[];
  }

  /** How many of the pod's nodes have each status (statuses with none are absent). */
  countByStatus(pod: string): Partial<Record<NodeStatus, number>> {
    const rows = prepared(
      this.db,
      'SELECT status, COUNT(*) AS count FROM nodes WHERE pod = ? GROUP BY status',
    ).all(pod) as { status: NodeStatus; count: number }[];
    return Object.fromEntries(rows.map((row) => [row.status, row.count]));
  }

  find(name: string): NodeRecord | undefined {
    const row = prepared(this.db, 'SELECT * FROM nodes WHERE name = ?').get(name) as NodeRow | undefined;
    return row && toRecord(row);
  }

  /** Inserts a NEW node if the name is free and the pod below its maximum, atomically. */
  insertNew(name: string, pod: string, maxNodes: number): 'created' | 'name-taken' | 'pod-full' {
    return this.db
      .transaction((): 'created' | 'name-taken' | 'pod-full' => {
        if (this.find(name)) return 'name-taken';
        const { count } = prepared(this.db, 'SELECT COUNT(*) AS count FROM nodes WHERE pod = ?').get(pod) as {
          count: number;
        };
        if (count >= maxNodes) return 'pod-full';
        const now = new Date().toISOString();
        prepared(
          this.db,
          "INSERT INTO nodes (name, pod, status, created_at, updated_at) VALUES (?, ?, 'NEW', ?, ?)",
        ).run(name, pod, now, now);
        return 'created';
      })
      .immediate();
  }

  /** Records a node found running with no record (orphan adoption); false if the name is taken. */
  insertAdopted(node: {
    name: string;
    pod: string;
    agent: string;
    host: string;
    port: number;
    incarnation: number;
  }): boolean {
    const now = new Date().toISOString();
    const result = prepared(
      this.db,
      `INSERT INTO nodes (name, pod, status, agent, host, port, incarnation, created_at, updated_at)
         VALUES (?, ?, 'ONLINE', ?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO NOTHING`,
    ).run(node.name, node.pod, node.agent, node.host, node.port, node.incarnation, now, now);
    return result.changes === 1;
  }

  /**
   * Claims the pod's oldest NEW node for launching (NEW -> STARTING, next incarnation) in one
   * transaction, so two launches never take the same node.
   */
  claimFirstNew(pod: string): NodeRecord | undefined {
    return this.db
      .transaction((): NodeRecord | undefined => {
        const row = prepared(
          this.db,
          "SELECT * FROM nodes WHERE pod = ? AND status = 'NEW' ORDER BY created_at, rowid LIMIT 1",
        ).get(pod) as NodeRow | undefined;
        if (!row) return undefined;
        return this.beginLaunch(row.name, { status: 'NEW', incarnation: row.incarnation });
      })
      .immediate();
  }

  /** Starts a new incarnation: STARTING, incarnation + 1, no runtime placement (nor known caps) yet. */
  beginLaunch(name: string, expected: NodeExpectation): NodeRecord | undefined {
    return this.compareAndSet(name, expected, {
      status: 'STARTING',
      reason: null,
      agent: null,
      host: null,
      port: null,
      limits: LIMITS_UNKNOWN,
      incarnation: expected.incarnation + 1,
    });
  }

  /** Records what the node's host says about its caps, if it is still the incarnation the caller read. */
  setLimits(name: string, incarnation: number, limits: NodeLimitsView): NodeRecord | undefined {
    const current = this.find(name);
    if (!current || current.incarnation !== incarnation) return undefined;
    return this.compareAndSet(name, { status: current.status, incarnation }, { limits });
  }

  /**
   * Compare-and-set: changes the node only if it still has the expected status and incarnation;
   * undefined when it does not (or is gone), and nothing changes.
   */
  transition(name: string, expected: NodeExpectation, change: NodeUpdate): NodeRecord | undefined {
    return this.compareAndSet(name, expected, change);
  }

  /** Deletes the node only if it is still the incarnation the caller read. */
  deleteIf(name: string, incarnation: number): boolean {
    return (
      prepared(this.db, 'DELETE FROM nodes WHERE name = ? AND incarnation = ?').run(name, incarnation)
        .changes === 1
    );
  }

  /** Moves every node of a pod from one status to another; returns the names moved. */
  moveStatus(pod: string, from: NodeStatus, to: NodeStatus): string[] {
    return this.db.transaction(() => {
      const names = (
        prepared(this.db, 'SELECT name FROM nodes WHERE pod = ? AND status = ?').all(pod, from) as {
          name: string;
        }[]
      ).map((row) => row.name);
      const now = new Date().toISOString();
      const move = prepared(
        this.db,
        'UPDATE nodes SET status = ?, updated_at = ? WHERE name = ? AND status = ?',
      );
      for (const name of names) move.run(to, now, name, from);
      return names;
    })();
  }

  setWeight(name: string, weight: number): void {
    prepared(this.db, 'UPDATE nodes SET weight = ?, updated_at = ? WHERE name = ?').run(
      weight,
      new Date().toISOString(),
      name,
    );
  }

  delete(name: string): boolean {
    return prepared(this.db, 'DELETE FROM nodes WHERE name = ?').run(name).changes === 1;
  }

  private compareAndSet(
    name: string,
    expected: NodeExpectation,
    change: NodeUpdate & { incarnation?: number },
  ): NodeRecord | undefined {
    const current = this.find(name);
    const statuses: readonly NodeStatus[] =
      typeof expected.status === 'string' ? [expected.status] : expected.status;
    if (!current || !statuses.includes(current.status) || current.incarnation !== expected.incarnation)
      return undefined;
    const next: NodeRecord = { ...current, ...change, updatedAt: new Date().toISOString() };
    const changed = prepared(
      this.db,
      `UPDATE nodes SET status = ?, reason = ?, agent = ?, host = ?, port = ?, incarnation = ?,
           limits_enforced = ?, limits_reason = ?, updated_at = ?
         WHERE name = ? AND status = ? AND incarnation = ?`,
    ).run(
      next.status,
      next.reason,
      next.agent,
      next.host,
      next.port,
      next.incarnation,
      next.limits.enforced === null ? null : Number(next.limits.enforced),
      next.limits.reason,
      next.updatedAt,
      name,
      current.status,
      current.incarnation,
    ).changes;
    return changed === 1 ? next : undefined;
  }
}
