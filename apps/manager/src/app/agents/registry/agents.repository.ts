import { Inject, Injectable } from '@nestjs/common';
import type { AgentRegistration, RuntimeKind, ScriptInterpreter } from '@strato/contracts';
import { DATABASE, type Db } from '../../store/database';

export interface AgentRecord extends AgentRegistration {
  registeredAt: string;
  lastSeenAt: string;
}

interface AgentRow {
  id: string;
  url: string;
  runtime: RuntimeKind;
  cores: number;
  memory_bytes: number;
  /** JSON array; null when the agent did not say. */
  interpreters: string | null;
  registered_at: string;
  last_seen_at: string;
}

const toRecord = (row: AgentRow): AgentRecord => ({
  id: row.id,
  url: row.url,
  runtime: row.runtime,
  cores: row.cores,
  memoryBytes: row.memory_bytes,
  ...(row.interpreters === null ? {} : { interpreters: JSON.parse(row.interpreters) as ScriptInterpreter[] }),
  registeredAt: row.registered_at,
  lastSeenAt: row.last_seen_at,
});

@Injectable()
export class AgentsRepository {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  list(): AgentRecord[] {
    return (this.db.prepare('SELECT * FROM agents ORDER BY registered_at, id').all() as AgentRow[]).map(
      toRecord,
    );
  }

  find(id: string): AgentRecord | undefined {
    const row = this.db.prepare('SELECT * FROM agents WHERE id = ?').get(id) as AgentRow | undefined;
    return row && toRecord(row);
  }

  upsert(agent: AgentRegistration): AgentRecord {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO agents (id, url, runtime, cores, memory_bytes, interpreters, registered_at, last_seen_at)
         VALUES (@id, @url, @runtime, @cores, @memoryBytes, @interpreters, @now, @now)
         ON CONFLICT(id) DO UPDATE SET url = @url, runtime = @runtime, cores = @cores,
           memory_bytes = @memoryBytes, interpreters = @interpreters, last_seen_at = @now`,
      )
      .run({
        id: agent.id,
        url: agent.url,
        runtime: agent.runtime,
        cores: agent.cores,
        memoryBytes: agent.memoryBytes,
        interpreters: agent.interpreters === undefined ? null : JSON.stringify(agent.interpreters),
        now,
      });
    return this.find(agent.id) as AgentRecord;
  }

  touch(id: string): boolean {
    const now = new Date().toISOString();
    return this.db.prepare('UPDATE agents SET last_seen_at = ? WHERE id = ?').run(now, id).changes === 1;
  }
}
