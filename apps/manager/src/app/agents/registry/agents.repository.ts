import { Inject, Injectable } from '@nestjs/common';
import type { AgentRegistration, RuntimeKind, ScriptInterpreter } from '@strato/contracts';
import { DATABASE, type Db, prepared } from '../../store/database';

export interface AgentRecord extends AgentRegistration {
  labels: Record<string, string>;
  registeredAt: string;
  lastSeenAt: string;
  /** Set while the owner has locked the agent out (`cloud agent revoke`). */
  revokedAt?: string;
}

interface AgentRow {
  id: string;
  url: string;
  runtime: RuntimeKind;
  cores: number;
  memory_bytes: number;
  /** JSON array; null when the agent did not say. */
  interpreters: string | null;
  /** JSON object. */
  labels: string;
  node_ports: number | null;
  node_address: string | null;
  registered_at: string;
  last_seen_at: string;
  revoked_at: string | null;
}

const toRecord = (row: AgentRow): AgentRecord => ({
  id: row.id,
  url: row.url,
  runtime: row.runtime,
  cores: row.cores,
  memoryBytes: row.memory_bytes,
  ...(row.interpreters === null ? {} : { interpreters: JSON.parse(row.interpreters) as ScriptInterpreter[] }),
  labels: JSON.parse(row.labels) as Record<string, string>,
  ...(row.node_ports === null ? {} : { nodePorts: row.node_ports }),
  ...(row.node_address === null ? {} : { nodeAddress: row.node_address }),
  registeredAt: row.registered_at,
  lastSeenAt: row.last_seen_at,
  ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
});

@Injectable()
export class AgentsRepository {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  list(): AgentRecord[] {
    return (prepared(this.db, 'SELECT * FROM agents ORDER BY registered_at, id').all() as AgentRow[]).map(
      toRecord,
    );
  }

  find(id: string): AgentRecord | undefined {
    const row = prepared(this.db, 'SELECT * FROM agents WHERE id = ?').get(id) as AgentRow | undefined;
    return row && toRecord(row);
  }

  upsert(agent: AgentRegistration): AgentRecord {
    const now = new Date().toISOString();
    prepared(
      this.db,
      `INSERT INTO agents (id, url, runtime, cores, memory_bytes, interpreters, labels, node_ports,
           node_address, registered_at, last_seen_at)
         VALUES (@id, @url, @runtime, @cores, @memoryBytes, @interpreters, @labels, @nodePorts,
           @nodeAddress, @now, @now)
         ON CONFLICT(id) DO UPDATE SET url = @url, runtime = @runtime, cores = @cores,
           memory_bytes = @memoryBytes, interpreters = @interpreters, labels = @labels,
           node_ports = @nodePorts, node_address = @nodeAddress, last_seen_at = @now`,
    ).run({
      id: agent.id,
      url: agent.url,
      runtime: agent.runtime,
      cores: agent.cores,
      memoryBytes: agent.memoryBytes,
      interpreters: agent.interpreters === undefined ? null : JSON.stringify(agent.interpreters),
      labels: JSON.stringify(agent.labels ?? {}),
      nodePorts: agent.nodePorts ?? null,
      nodeAddress: agent.nodeAddress ?? null,
      now,
    });
    return this.find(agent.id) as AgentRecord;
  }

  touch(id: string): boolean {
    const now = new Date().toISOString();
    return prepared(this.db, 'UPDATE agents SET last_seen_at = ? WHERE id = ?').run(now, id).changes === 1;
  }
}
