/** Versioned schema migrations, applied in order at boot. Never edit a released one: add the next. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE pods (
     name TEXT PRIMARY KEY,
     cpus REAL NOT NULL,
     memory_mib INTEGER NOT NULL,
     max_nodes INTEGER NOT NULL,
     state TEXT NOT NULL DEFAULT 'running',
     algorithm TEXT NOT NULL DEFAULT 'roundrobin',
     created_at TEXT NOT NULL
   );
   CREATE TABLE nodes (
     name TEXT PRIMARY KEY,
     pod TEXT NOT NULL REFERENCES pods(name),
     status TEXT NOT NULL,
     reason TEXT,
     host TEXT,
     port INTEGER,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX nodes_by_pod ON nodes(pod, created_at);
   CREATE TABLE events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     type TEXT NOT NULL,
     pod TEXT,
     node TEXT,
     message TEXT NOT NULL
   );`,
  `CREATE TABLE agents (
     id TEXT PRIMARY KEY,
     url TEXT NOT NULL,
     runtime TEXT NOT NULL,
     cores INTEGER NOT NULL,
     memory_bytes INTEGER NOT NULL,
     registered_at TEXT NOT NULL,
     last_seen_at TEXT NOT NULL
   );
   ALTER TABLE nodes ADD COLUMN agent TEXT;`,
  `CREATE TABLE elasticity (
     pod TEXT PRIMARY KEY REFERENCES pods(name) ON DELETE CASCADE,
     enabled INTEGER NOT NULL DEFAULT 0,
     policy TEXT NOT NULL,
     state TEXT NOT NULL DEFAULT '{"recommendations":[],"scaleEvents":[]}',
     updated_at TEXT NOT NULL
   );`,
  `ALTER TABLE nodes ADD COLUMN weight INTEGER NOT NULL DEFAULT 1;`,
  `ALTER TABLE nodes ADD COLUMN incarnation INTEGER NOT NULL DEFAULT 0;
   CREATE INDEX events_by_pod ON events(pod, id);
   CREATE INDEX events_by_node ON events(node, id);
   CREATE INDEX events_by_type ON events(type, id);
   CREATE INDEX events_by_time ON events(at);`,
  // Whether the node's host enforces its caps (NULL: unknown), and why not.
  `ALTER TABLE nodes ADD COLUMN limits_enforced INTEGER;
   ALTER TABLE nodes ADD COLUMN limits_reason TEXT;`,
  // What a pod's nodes run for GET /<pod>: the built-in pods their own job, the others the light one.
  `ALTER TABLE pods ADD COLUMN job_kind TEXT NOT NULL DEFAULT 'light';
   ALTER TABLE pods ADD COLUMN job_scale REAL NOT NULL DEFAULT 1;
   UPDATE pods SET job_kind = name WHERE name IN ('medium', 'heavy');`,
];
