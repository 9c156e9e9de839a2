import { Inject, Injectable } from '@nestjs/common';
import type { ScalingPolicy, ScalingState } from '@strato/elasticity';
import { DATABASE, type Db, prepared } from '../../store/database';

export interface ElasticityRecord {
  pod: string;
  enabled: boolean;
  policy: ScalingPolicy;
  state: ScalingState;
  updatedAt: string;
}

interface ElasticityRow {
  pod: string;
  enabled: number;
  policy: string;
  state: string;
  updated_at: string;
}

const toRecord = (row: ElasticityRow): ElasticityRecord => ({
  pod: row.pod,
  enabled: row.enabled === 1,
  // Policies stored before warm nodes existed have none.
  policy: { warmNodes: 0, ...(JSON.parse(row.policy) as Omit<ScalingPolicy, 'warmNodes'>) } as ScalingPolicy,
  state: JSON.parse(row.state) as ScalingState,
  updatedAt: row.updated_at,
});

/** Each pod's elasticity settings and the policy state carried between ticks (cooldowns, windows). */
@Injectable()
export class ElasticityRepository {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  find(pod: string): ElasticityRecord | undefined {
    const row = prepared(this.db, 'SELECT * FROM elasticity WHERE pod = ?').get(pod) as
      | ElasticityRow
      | undefined;
    return row && toRecord(row);
  }

  listEnabled(): ElasticityRecord[] {
    return (
      prepared(this.db, 'SELECT * FROM elasticity WHERE enabled = 1 ORDER BY pod').all() as ElasticityRow[]
    ).map(toRecord);
  }

  isEnabled(pod: string): boolean {
    return this.find(pod)?.enabled ?? false;
  }

  save(pod: string, enabled: boolean, policy: ScalingPolicy): ElasticityRecord {
    prepared(
      this.db,
      `INSERT INTO elasticity (pod, enabled, policy, updated_at) VALUES (@pod, @enabled, @policy, @now)
         ON CONFLICT(pod) DO UPDATE SET enabled = @enabled, policy = @policy, updated_at = @now`,
    ).run({ pod, enabled: enabled ? 1 : 0, policy: JSON.stringify(policy), now: new Date().toISOString() });
    return this.find(pod) as ElasticityRecord;
  }

  saveState(pod: string, state: ScalingState): void {
    prepared(this.db, 'UPDATE elasticity SET state = ? WHERE pod = ?').run(JSON.stringify(state), pod);
  }
}
