import { loadManagerConfig } from '../config/manager-config';
import { openDatabase, type Db } from '../store/database';
import { EventsRepository } from './events.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

function repositoryWith(env: Record<string, string>): { db: Db; events: EventsRepository } {
  const config = loadManagerConfig({ STRATO_AGENT_TOKEN: 'a'.repeat(24), STRATO_LB: 'embedded', ...env });
  const db = openDatabase(':memory:');
  return { db, events: new EventsRepository(db, config) };
}

const count = (db: Db): number => (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;

function insertAged(db: Db, ageMs: number, message: string): void {
  db.prepare('INSERT INTO events (at, type, pod, node, message) VALUES (?, ?, NULL, NULL, ?)').run(
    new Date(Date.now() - ageMs).toISOString(),
    'Old',
    message,
  );
}

describe('EventsRepository retention', () => {
  it('keeps at most the newest STRATO_EVENTS_MAX_COUNT events (plus one prune interval)', () => {
    const { db, events } = repositoryWith({ STRATO_EVENTS_MAX_COUNT: '50' });
    const ids = Array.from({ length: 200 }, (_, i) => events.append({ type: 'Test', message: `e${i}` }).id);
    expect(count(db)).toBeLessThanOrEqual(100);
    const kept = events.list({ limit: 1000 }).map((e) => e.id);
    expect(kept.slice(0, 50)).toEqual(ids.slice(-50).reverse());
    db.close();
  });

  it('drops events older than STRATO_EVENTS_MAX_AGE_DAYS at boot, keeping younger ones', () => {
    const { db, events } = repositoryWith({ STRATO_EVENTS_MAX_AGE_DAYS: '7' });
    insertAged(db, 30 * DAY_MS, 'a month ago');
    insertAged(db, 8 * DAY_MS, 'eight days ago');
    insertAged(db, 6 * DAY_MS, 'six days ago');
    events.onModuleInit();
    expect(events.list({ limit: 10 }).map((e) => e.message)).toEqual(['six days ago']);
    db.close();
  });

  it('applies the count limit at boot too', () => {
    const { db, events } = repositoryWith({ STRATO_EVENTS_MAX_COUNT: '3' });
    for (let i = 0; i < 10; i++) insertAged(db, 0, `e${i}`);
    events.onModuleInit();
    expect(events.list({ limit: 10 }).map((e) => e.message)).toEqual(['e9', 'e8', 'e7']);
    db.close();
  });
});
