import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { delimiter, join, resolve } from 'node:path';

export type LoadBalancerChoice = 'haproxy' | 'embedded';

/** Everything the manager reads from its environment, validated once at boot. */
export interface ManagerConfig {
  host: string;
  port: number;
  dataDir: string;
  ownerToken: string | undefined;
  /**
   * The join token agents register with (STRATO_AGENT_TOKEN) and, while the owner rotates it, the one
   * before it (STRATO_AGENT_TOKEN_PREVIOUS). A joined agent calls with its own credential instead.
   */
  joinTokens: string[];
  /** After a credential rotation, how long the agent's previous credential still works both ways. */
  agentCredentialGraceMs: number;
  loadBalancer: LoadBalancerChoice;
  haproxyBinary: string;
  lbPort: number;
  /** The address end users reach the load balancer at (STRATO_LB_HOST; 0.0.0.0: every address of the host). */
  lbHost: string;
  dashboardDir: string;
  healthTimeoutMs: number;
  reconcileIntervalMs: number;
  /** An agent not heard from (registration or heartbeat) for this long is unreachable: never picked. */
  agentTimeoutMs: number;
  /** How far the nodes placed on a host may reserve beyond its CPUs and memory: 1 never (STRATO_OVERCOMMIT). */
  overcommit: number;
  /** What the reconciler does with a node that runs on an agent but that no record names. */
  orphanPolicy: 'remove' | 'adopt';
  /** How often elasticity evaluates each pod; 0 switches the tick off (tests drive it by hand). */
  elasticityTickMs: number;
  /** On a clean manager exit: stop HAProxy (npm start's Ctrl-C), or keep it serving for the next manager. */
  lbOnExit: 'stop' | 'keep';
  /** HAProxy times every request through its access log (`on`), or not (`off`: no percentiles, no cost). */
  lbAccessLog: 'on' | 'off';
  /** The event log keeps no event older than this many days... */
  eventsMaxAgeDays: number;
  /** ...and no more than this many events, the newest. */
  eventsMaxCount: number;
  /** How often each pod's metrics are sampled (live stream and history); 0 switches sampling off. */
  metricsSampleMs: number;
  /** The history keeps every sample this long... */
  metricsRawRetentionMinutes: number;
  /** ...and one-minute rollups of them this long. */
  metricsRetentionDays: number;
  /** How often the batch-job dispatcher starts queued jobs and follows running ones; 0 switches it off. */
  jobDispatchMs: number;
  /** Batch jobs one node runs at once. */
  jobSlotsPerNode: number;
  /** Output kept per stream of one attempt; beyond it, a truncation marker and nothing more. */
  jobLogCapBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export function findOnPath(binary: string, pathVar = process.env['PATH'] ?? ''): string | undefined {
  const dirs = [...pathVar.split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  return dirs.map((dir) => join(dir, binary)).find((candidate) => existsSync(candidate));
}

type Env = Record<string, string | undefined>;

function port(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    problems.push(`${name} must be a port number (0-65535), got "${raw}"`);
  }
  return value;
}

function positive(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) problems.push(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function atLeastOne(env: Env, name: string, problems: string[]): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? 1 : Number(raw);
  if (!Number.isFinite(value) || value < 1)
    problems.push(`${name} must be a number of at least 1 (1: never overcommit), got "${raw}"`);
  return value;
}

function positiveInteger(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    problems.push(`${name} must be a positive whole number, got "${raw}"`);
  }
  return value;
}

function loadBalancer(env: Env, problems: string[]): { choice: LoadBalancerChoice; binary: string } {
  const wanted = env['STRATO_LB'] ?? 'auto';
  const binary = env['STRATO_HAPROXY_BIN'] ?? findOnPath('haproxy');
  if (!['auto', 'haproxy', 'embedded'].includes(wanted)) {
    problems.push(`STRATO_LB must be auto, haproxy or embedded, got "${wanted}"`);
  }
  if (wanted === 'haproxy' && (!binary || !existsSync(binary))) {
    problems.push(
      'STRATO_LB=haproxy but no haproxy binary was found: install it (apt-get install haproxy) or set STRATO_HAPROXY_BIN',
    );
  }
  const choice: LoadBalancerChoice = wanted === 'embedded' || !binary ? 'embedded' : 'haproxy';
  return { choice, binary: binary ?? 'haproxy' };
}

export function loadManagerConfig(env: Env = process.env, cwd = process.cwd()): ManagerConfig {
  const problems: string[] = [];
  const lb = loadBalancer(env, problems);
  const joinToken = env['STRATO_AGENT_TOKEN'] ?? '';
  if (joinToken.length < 16) {
    problems.push(
      'STRATO_AGENT_TOKEN must be set to the join token agents register with (at least 16 characters); `npm start` creates one',
    );
  }
  const previousJoinToken = env['STRATO_AGENT_TOKEN_PREVIOUS'] || undefined;
  if (previousJoinToken !== undefined && previousJoinToken.length < 16) {
    problems.push('STRATO_AGENT_TOKEN_PREVIOUS must be at least 16 characters (or left unset)');
  }
  const config: ManagerConfig = {
    host: env['STRATO_HOST'] ?? '127.0.0.1',
    port: port(env, 'STRATO_PORT', 8080, problems),
    dataDir: resolve(cwd, env['STRATO_DATA_DIR'] ?? 'data'),
    ownerToken: env['STRATO_OWNER_TOKEN'] || undefined,
    joinTokens: previousJoinToken === undefined ? [joinToken] : [joinToken, previousJoinToken],
    agentCredentialGraceMs: positive(env, 'STRATO_AGENT_CREDENTIAL_GRACE_MS', 60_000, problems),
    loadBalancer: lb.choice,
    haproxyBinary: lb.binary,
    lbPort: port(env, 'STRATO_LB_PORT', 8000, problems),
    lbHost: env['STRATO_LB_HOST'] || '127.0.0.1',
    dashboardDir: resolve(cwd, env['STRATO_DASHBOARD_DIR'] ?? 'dist/apps/dashboard/browser'),
    healthTimeoutMs: positive(env, 'STRATO_NODE_HEALTH_TIMEOUT_MS', 15_000, problems),
    reconcileIntervalMs: positive(env, 'STRATO_RECONCILE_INTERVAL_MS', 2_000, problems),
    agentTimeoutMs: positive(env, 'STRATO_AGENT_TIMEOUT_MS', 15_000, problems),
    overcommit: atLeastOne(env, 'STRATO_OVERCOMMIT', problems),
    orphanPolicy: (env['STRATO_ORPHAN_POLICY'] ?? 'remove') as ManagerConfig['orphanPolicy'],
    elasticityTickMs: Number(env['STRATO_ELASTICITY_TICK_MS'] ?? 1000),
    lbOnExit: (env['STRATO_LB_ON_EXIT'] ?? 'stop') as ManagerConfig['lbOnExit'],
    lbAccessLog: (env['STRATO_LB_ACCESS_LOG'] ?? 'on') as ManagerConfig['lbAccessLog'],
    eventsMaxAgeDays: positive(env, 'STRATO_EVENTS_MAX_AGE_DAYS', 7, problems),
    eventsMaxCount: positiveInteger(env, 'STRATO_EVENTS_MAX_COUNT', 100_000, problems),
    metricsSampleMs: Number(env['STRATO_METRICS_SAMPLE_MS'] || 1000),
    metricsRawRetentionMinutes: positive(env, 'STRATO_METRICS_RAW_RETENTION_MINUTES', 120, problems),
    metricsRetentionDays: positive(env, 'STRATO_METRICS_RETENTION_DAYS', 7, problems),
    jobDispatchMs: Number(env['STRATO_JOB_DISPATCH_MS'] ?? 200),
    jobSlotsPerNode: positiveInteger(env, 'STRATO_JOB_SLOTS_PER_NODE', 1, problems),
    jobLogCapBytes: positiveInteger(env, 'STRATO_JOB_LOG_CAP_BYTES', 1024 * 1024, problems),
  };
  if (!['on', 'off'].includes(config.lbAccessLog)) {
    problems.push(`STRATO_LB_ACCESS_LOG must be on or off, got "${config.lbAccessLog}"`);
  }
  if (!['stop', 'keep'].includes(config.lbOnExit)) {
    problems.push(`STRATO_LB_ON_EXIT must be stop or keep, got "${config.lbOnExit}"`);
  }
  if (!Number.isInteger(config.elasticityTickMs) || config.elasticityTickMs < 0) {
    problems.push(
      `STRATO_ELASTICITY_TICK_MS must be a whole number of ms (0 = off), got "${env['STRATO_ELASTICITY_TICK_MS']}"`,
    );
  }
  if (!Number.isInteger(config.metricsSampleMs) || config.metricsSampleMs < 0) {
    problems.push(
      `STRATO_METRICS_SAMPLE_MS must be a whole number of ms (0 = off), got "${env['STRATO_METRICS_SAMPLE_MS']}"`,
    );
  }
  if (!Number.isInteger(config.jobDispatchMs) || config.jobDispatchMs < 0) {
    problems.push(
      `STRATO_JOB_DISPATCH_MS must be a whole number of ms (0 = off), got "${env['STRATO_JOB_DISPATCH_MS']}"`,
    );
  }
  if (!['remove', 'adopt'].includes(config.orphanPolicy)) {
    problems.push(`STRATO_ORPHAN_POLICY must be remove or adopt, got "${config.orphanPolicy}"`);
  }
  if (config.ownerToken !== undefined && config.ownerToken.length < 16) {
    problems.push('STRATO_OWNER_TOKEN must be at least 16 characters');
  }
  for (const [name, value] of [
    ['STRATO_HOST', config.host],
    ['STRATO_LB_HOST', config.lbHost],
  ] as const) {
    if (!isIP(value))
      problems.push(`${name} must be an IP address to listen on (0.0.0.0: all), got "${value}"`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export const MANAGER_CONFIG = Symbol('ManagerConfig');
