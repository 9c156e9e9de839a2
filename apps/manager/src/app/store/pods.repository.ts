import { Inject, Injectable } from '@nestjs/common';
import {
  type BalanceAlgorithm,
  defaultPodJob,
  type JobKind,
  type PodDefinition,
  type PodJob,
  type PodPlacement,
  type PlacementMode,
  type PodState,
  resolvePodAlias,
} from '@strato/contracts';
import { PodNotFoundError } from '../errors/domain-errors';
import { DATABASE, type Db, prepared } from './database';

export interface PodRecord extends PodDefinition {
  state: PodState;
  algorithm: BalanceAlgorithm;
  job: PodJob;
  /** Batch jobs each node runs at once; null: the manager's default (STRATO_JOB_SLOTS_PER_NODE). */
  jobSlots: number | null;
  placement: PodPlacement;
  createdAt: string;
}

interface PodRow {
  name: string;
  cpus: number;
  memory_mib: number;
  max_nodes: number;
  state: PodState;
  algorithm: BalanceAlgorithm;
  job_kind: JobKind;
  job_scale: number;
  job_slots: number | null;
  placement_mode: PlacementMode;
  /** JSON object. */
  placement_labels: string;
  created_at: string;
}

const toRecord = (row: PodRow): PodRecord => ({
  name: row.name,
  cpus: row.cpus,
  memoryMiB: row.memory_mib,
  maxNodes: row.max_nodes,
  state: row.state,
  algorithm: row.algorithm,
  job: { kind: row.job_kind, scale: row.job_scale },
  jobSlots: row.job_slots ?? null,
  placement: {
    mode: row.placement_mode,
    labels: JSON.parse(row.placement_labels) as Record<string, string>,
  },
  createdAt: row.created_at,
});

@Injectable()
export class PodsRepository {
  constructor(@Inject(DATABASE) private readonly db: Db) {}

  list(): PodRecord[] {
    return (prepared(this.db, 'SELECT * FROM pods ORDER BY created_at, rowid').all() as PodRow[]).map(
      toRecord,
    );
  }

  find(name: string): PodRecord | undefined {
    const row = prepared(this.db, 'SELECT * FROM pods WHERE name = ?').get(name) as PodRow | undefined;
    return row && toRecord(row);
  }

  /** The pod for a name or a seed alias (0/1/2), or a 404 naming the known pods. */
  require(nameOrAlias: string): PodRecord {
    const pod = this.find(resolvePodAlias(nameOrAlias));
    if (!pod)
      throw new PodNotFoundError(
        nameOrAlias,
        this.list().map((p) => p.name),
      );
    return pod;
  }

  updateSize(name: string, size: { cpus: number; memoryMiB: number; maxNodes: number }): void {
    prepared(this.db, 'UPDATE pods SET cpus = ?, memory_mib = ?, max_nodes = ? WHERE name = ?').run(
      size.cpus,
      size.memoryMiB,
      size.maxNodes,
      name,
    );
  }

  setJob(name: string, job: PodJob): void {
    prepared(this.db, 'UPDATE pods SET job_kind = ?, job_scale = ? WHERE name = ?').run(
      job.kind,
      job.scale,
      name,
    );
  }

  setJobSlots(name: string, slots: number | null): void {
    prepared(this.db, 'UPDATE pods SET job_slots = ? WHERE name = ?').run(slots, name);
  }

  setPlacement(name: string, placement: PodPlacement): void {
    prepared(this.db, 'UPDATE pods SET placement_mode = ?, placement_labels = ? WHERE name = ?').run(
      placement.mode,
      JSON.stringify(placement.labels),
      name,
    );
  }

  setAlgorithm(name: string, algorithm: BalanceAlgorithm): void {
    prepared(this.db, 'UPDATE pods SET algorithm = ? WHERE name = ?').run(algorithm, name);
  }

  setState(name: string, state: PodState): void {
    prepared(this.db, 'UPDATE pods SET state = ? WHERE name = ?').run(state, name);
  }

  /** Inserts the pod unless one with that name exists; true when it was created. */
  insertIfMissing(
    pod: PodDefinition,
    algorithm: BalanceAlgorithm = 'roundrobin',
    job: PodJob = defaultPodJob(pod.name),
  ): boolean {
    const result = prepared(
      this.db,
      `INSERT INTO pods (name, cpus, memory_mib, max_nodes, algorithm, job_kind, job_scale, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(name) DO NOTHING`,
    ).run(
      pod.name,
      pod.cpus,
      pod.memoryMiB,
      pod.maxNodes,
      algorithm,
      job.kind,
      job.scale,
      new Date().toISOString(),
    );
    return result.changes === 1;
  }

  delete(name: string): boolean {
    return prepared(this.db, 'DELETE FROM pods WHERE name = ?').run(name).changes === 1;
  }
}
