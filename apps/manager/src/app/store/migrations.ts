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
  // Batch jobs and their attempts. spec and retry_policy are JSON; not_before holds a retry's backoff.
  `CREATE TABLE batch_jobs (
     id TEXT PRIMARY KEY,
     pod TEXT NOT NULL,
     spec TEXT NOT NULL,
     timeout_s INTEGER NOT NULL,
     retry_policy TEXT NOT NULL,
     priority INTEGER NOT NULL DEFAULT 0,
     array_id TEXT,
     array_index INTEGER,
     array_count INTEGER,
     array_parallelism INTEGER,
     status TEXT NOT NULL,
     abort_requested INTEGER NOT NULL DEFAULT 0,
     node TEXT,
     attempt INTEGER NOT NULL DEFAULT 0,
     attempt_id TEXT,
     exit_code INTEGER,
     signal TEXT,
     reason TEXT,
     submitted_at TEXT NOT NULL,
     queued_at TEXT NOT NULL,
     not_before TEXT,
     started_at TEXT,
     finished_at TEXT,
     duration_ms INTEGER
   );
   CREATE INDEX batch_jobs_queue ON batch_jobs(pod, status, priority DESC, submitted_at, id);
   CREATE INDEX batch_jobs_by_node ON batch_jobs(node, status);
   CREATE INDEX batch_jobs_by_array ON batch_jobs(array_id, array_index);
   CREATE TABLE batch_job_attempts (
     id TEXT PRIMARY KEY,
     job_id TEXT NOT NULL REFERENCES batch_jobs(id) ON DELETE CASCADE,
     number INTEGER NOT NULL,
     node TEXT NOT NULL,
     started_at TEXT NOT NULL,
     finished_at TEXT,
     exit_code INTEGER,
     signal TEXT,
     reason TEXT,
     UNIQUE (job_id, number)
   );`,
  // Batch-job output, per attempt: chunks in arrival order (seq, across both streams), each stream capped,
  // and the agent offsets to read from next, written with the chunks so a restarted manager resumes exactly.
  `CREATE TABLE batch_job_output (
     attempt_id TEXT NOT NULL REFERENCES batch_job_attempts(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     stream TEXT NOT NULL,
     data TEXT NOT NULL,
     PRIMARY KEY (attempt_id, seq)
   );
   ALTER TABLE batch_job_attempts ADD COLUMN stdout_offset INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE batch_job_attempts ADD COLUMN stderr_offset INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE batch_job_attempts ADD COLUMN stdout_bytes INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE batch_job_attempts ADD COLUMN stderr_bytes INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE batch_job_attempts ADD COLUMN stdout_truncated INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE batch_job_attempts ADD COLUMN stderr_truncated INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE batch_job_attempts ADD COLUMN output_complete INTEGER NOT NULL DEFAULT 0;`,
  // The script interpreters an agent's nodes have, a JSON array; NULL: the agent did not say.
  `ALTER TABLE agents ADD COLUMN interpreters TEXT;`,
  // Batch jobs a node of the pod runs at once; NULL: the manager's STRATO_JOB_SLOTS_PER_NODE.
  `ALTER TABLE pods ADD COLUMN job_slots INTEGER;`,
  // The metrics history: every sample (raw, kept for minutes) and one row per minute (kept for days), `at`
  // in epoch ms so a range is an integer comparison and a bucket an integer division. Keyed by pod and
  // time for the reads (one pod over a range), indexed by time alone for the prunes (every pod at once).
  `CREATE TABLE pod_metrics_raw (
     pod TEXT NOT NULL,
     at INTEGER NOT NULL,
     request_rate REAL NOT NULL,
     latency_p50_ms REAL,
     latency_p99_ms REAL,
     queue REAL NOT NULL,
     sessions REAL NOT NULL,
     http5xx_rate REAL NOT NULL,
     nodes_ready INTEGER NOT NULL,
     nodes_total INTEGER NOT NULL,
     desired_nodes INTEGER,
     cpu_percent REAL,
     PRIMARY KEY (pod, at)
   ) WITHOUT ROWID;
   CREATE INDEX pod_metrics_raw_by_time ON pod_metrics_raw(at);
   CREATE TABLE pod_metrics_minute (
     pod TEXT NOT NULL,
     at INTEGER NOT NULL,
     request_rate REAL NOT NULL,
     latency_p50_ms REAL,
     latency_p99_ms REAL,
     queue REAL NOT NULL,
     sessions REAL NOT NULL,
     http5xx_rate REAL NOT NULL,
     nodes_ready INTEGER NOT NULL,
     nodes_total INTEGER NOT NULL,
     desired_nodes INTEGER,
     cpu_percent REAL,
     PRIMARY KEY (pod, at)
   ) WITHOUT ROWID;
   CREATE INDEX pod_metrics_minute_by_time ON pod_metrics_minute(at);
   CREATE TABLE node_metrics_raw (
     pod TEXT NOT NULL,
     node TEXT NOT NULL,
     at INTEGER NOT NULL,
     cpu_percent REAL,
     memory_bytes INTEGER NOT NULL,
     PRIMARY KEY (pod, at, node)
   ) WITHOUT ROWID;
   CREATE INDEX node_metrics_raw_by_time ON node_metrics_raw(at);
   CREATE TABLE node_metrics_minute (
     pod TEXT NOT NULL,
     node TEXT NOT NULL,
     at INTEGER NOT NULL,
     cpu_percent REAL,
     memory_bytes INTEGER NOT NULL,
     PRIMARY KEY (pod, at, node)
   ) WITHOUT ROWID;
   CREATE INDEX node_metrics_minute_by_time ON node_metrics_minute(at);`,
  // The agent that ran each batch-job attempt: a node's name may later be reused on another agent.
  `ALTER TABLE batch_job_attempts ADD COLUMN agent TEXT;`,
  // Placement: an agent's labels (JSON object), node ports and node address; a pod's placement mode and
  // the labels its hosts must carry (JSON object).
  `ALTER TABLE agents ADD COLUMN labels TEXT NOT NULL DEFAULT '{}';
   ALTER TABLE agents ADD COLUMN node_ports INTEGER;
   ALTER TABLE agents ADD COLUMN node_address TEXT;
   ALTER TABLE pods ADD COLUMN placement_mode TEXT NOT NULL DEFAULT 'spread';
   ALTER TABLE pods ADD COLUMN placement_labels TEXT NOT NULL DEFAULT '{}';`,
  // Per-agent credentials: the generation the agent's current credential was derived for (0: none issued
  // yet), the one before it while a rotation's grace lasts (until, ms since the epoch), and revocation.
  `ALTER TABLE agents ADD COLUMN credential_generation INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE agents ADD COLUMN previous_generation INTEGER;
   ALTER TABLE agents ADD COLUMN previous_valid_until INTEGER;
   ALTER TABLE agents ADD COLUMN revoked_at TEXT;`,
  // The batch-job sweeper asks only the agents of nodes that ever had an attempt.
  `CREATE INDEX batch_job_attempts_by_node ON batch_job_attempts(node);`,
];
