import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from './migrations';
import { migrate, openDatabase } from './database';

describe('openDatabase', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strato-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the schema once and keeps the data across reopenings', () => {
    const file = join(dir, 'strato.db');
    const first = openDatabase(file);
    first
      .prepare(
        "INSERT INTO pods (name, cpus, memory_mib, max_nodes, created_at) VALUES ('light', 0.3, 100, 20, 'now')",
      )
      .run();
    first.close();

    const second = openDatabase(file);
    expect(migrate(second)).toBe(MIGRATIONS.length);
    expect(second.prepare('SELECT name FROM pods').all()).toEqual([{ name: 'light' }]);
    expect(second.pragma('journal_mode', { simple: true })).toBe('wal');
    second.close();
  });
});
