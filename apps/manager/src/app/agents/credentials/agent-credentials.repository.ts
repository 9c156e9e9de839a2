import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Db, prepared } from '../../store/database';

/** Where an agent's credentials stand: no credential itself is stored, only the generations they derive from. */
export interface CredentialState {
  /** 0: none issued yet. */
  generation: number;
  /** The generation before a rotation, still accepted until `previousValidUntil` (ms since the epoch). */
  previous: { generation: number; validUntil: number } | undefined;
  revokedAt: string | undefined;
}

interface CredentialRow {
  credential_generation: number;
  previous_generation: number | null;
  previous_valid_until: number | null;
  revoked_at: string | null;
}

@Injectable()
export class AgentCredentialsRepository {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  find(agentId: string): CredentialState | undefined {
    const row = prepared(
      this.db,
      'SELECT credential_generation, previous_generation, previous_valid_until, revoked_at FROM agents WHERE id = ?',
    ).get(agentId) as CredentialRow | undefined;
    if (!row) return undefined;
    return {
      generation: row.credential_generation,
      previous:
        row.previous_generation === null || row.previous_valid_until === null
          ? undefined
          : { generation: row.previous_generation, validUntil: row.previous_valid_until },
      revokedAt: row.revoked_at ?? undefined,
    };
  }

  setGenerations(agentId: string, generation: number, previous?: CredentialState['previous']): void {
    prepared(
      this.db,
      `UPDATE agents SET credential_generation = ?, previous_generation = ?, previous_valid_until = ?
         WHERE id = ?`,
    ).run(generation, previous?.generation ?? null, previous?.validUntil ?? null, agentId);
  }

  setRevokedAt(agentId: string, revokedAt: string | undefined): void {
    prepared(this.db, 'UPDATE agents SET revoked_at = ? WHERE id = ?').run(revokedAt ?? null, agentId);
  }
}
