import { Inject, Injectable } from '@nestjs/common';
import type { NodeStatus, NodeView } from '@strato/contracts';
import { DATABASE, type Db } from '../store/database';

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
  created_at: string;
  updated_at: string;
}

const toRecord = (row: NodeRow): NodeRecord => ({
  name: row.name,
  pod: row.pod,
  status: row.status,
  reason: row.reason,
  agent: row.agent,
  host: row.host,
  port: row.port,
  weight: row.weight,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface NodeUpdate {
  status: NodeStatus;
  reason?: string | null;
  agent?: string | null;
  host?: string | null;
  port?: number | null;
}

@Injectable()
export class NodesRepository {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  list(): NodeRecord[] {
    return (this.db.prepare('SELECT * FROM nodes ORDER BY created_at, rowid').all() as NodeRow[]).map(
      toRecord,
    );
  }

  listByPod(pod: string): NodeRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM nodes WHERE pod = ? ORDER BY created_at, rowid')
      .all(pod) as NodeRow[];
    return rows.map(toRecord);
  }

  find(name: string): NodeRecord | undefined {
    const row = this.db.prepare('SELECT * FROM nodes WHERE name = ?').get(name) as NodeRow | undefined;
    return row && toRecord(row);
  }

  /** Inserts a NEW node if the name is free and the pod below its maximum, atomically. */
  insertNew(name: string, pod: string, maxNodes: number): 'created' | 'name-taken' | 'pod-full' {
    return this.db
      .transaction((): 'created' | 'name-taken' | 'pod-full' => {
        if (this.find(name)) return 'name-taken';
        const { count } = this.db.prepare('SELECT COUNT(*) AS count FROM nodes WHERE pod = ?').get(pod) as {
          count: number;
        };
        if (count >= maxNodes) return 'pod-full';
        const now = new Date().toISOString();
        this.db
          .prepare("INSERT INTO nodes (name, pod, status, created_at, updated_at) VALUES (?, ?, 'NEW', ?, ?)")
          .run(name, pod, now, now);
        return 'created';
      })
      .immediate();
  }

  /** Records a node found running with no record (orphan adoption); false if the name is taken. */
  insertAdopted(node: { name: string; pod: string; agent: string; host: string; port: number }): boolean {
    const now = new Date().toISOString();
    const result = this.db
      .prepare(
        `INSERT INTO nodes (name, pod, status, agent, host, port, created_at, updated_at)
         VALUES (?, ?, 'ONLINE', ?, ?, ?, ?, ?) ON CONFLICT(name) DO NOTHING`,
      )
      .run(node.name, node.pod, node.agent, node.host, node.port, now, now);
    return result.changes === 1;
  }

  /** Claims the pod's oldest NEW node for launching (NEW -> STARTING) so two launches never take the same node. */
  claimFirstNew(pod: string): NodeRecord | undefined {
    return this.db
      .transaction((): NodeRecord | undefined => {
        const row = this.db
          .prepare("SELECT * FROM nodes WHERE pod = ? AND status = 'NEW' ORDER BY created_at, rowid LIMIT 1")
          .get(pod) as NodeRow | undefined;
        if (!row) return undefined;
        return this.update(row.name, { status: 'STARTING', reason: null });
      })
      .immediate();
  }

  /** Moves every node of a pod from one status to another; returns the names moved. */
  moveStatus(pod: string, from: NodeStatus, to: NodeStatus): string[] {
    return this.db.transaction(() => {
      const names = (
        this.db.prepare('SELECT name FROM nodes WHERE pod = ? AND status = ?').all(pod, from) as {
          name: string;
        }[]
      ).map((row) => row.name);
      for (const name of names) this.update(name, { status: to });
      return names;
    })();
  }

  setWeight(name: string, weight: number): void {
    this.db
      .prepare('UPDATE nodes SET weight = ?, updated_at = ? WHERE name = ?')
      .run(weight, new Date().toISOString(), name);
  }

  delete(name: string): boolean {
    return this.db.prepare('DELETE FROM nodes WHERE name = ?').run(name).changes === 1;
  }

  update(name: string, change: NodeUpdate): NodeRecord {
    const current = this.find(name);
    if (!current) throw new Error(`node ${name} vanished from the store`);
    const next = { ...current, ...change, updatedAt: new Date().toISOString() };
    this.db
      .prepare(
        'UPDATE nodes SET status = ?, reason = ?, agent = ?, host = ?, port = ?, updated_at = ? WHERE name = ?',
      )
      .run(next.status, next.reason, next.agent, next.host, next.port, next.updatedAt, name);
    return next;
  }
}
