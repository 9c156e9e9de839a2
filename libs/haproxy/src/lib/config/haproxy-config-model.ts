import type { BalanceAlgorithm, PodJob } from '@strato/contracts';
import type { HealthCheckOptions, ServerAdminState } from '../runtime/haproxy-runtime-api';

/** Desired state the whole haproxy.cfg is rendered from; nothing else goes into the file. */
export interface HaproxyConfigModel {
  /** Absolute path of the admin socket (`stats socket ... level admin`). */
  adminSocketPath: string;
  /** Absolute path of the file `show servers state` is saved to before each reload. */
  serverStateFile: string;
  bind: { host: string; port: number };
  pods: HaproxyPodConfig[];
  healthCheck?: Partial<HealthCheckOptions> & { path?: string };
  timeouts?: Partial<HaproxyTimeouts>;
  /**
   * Served requests' access-log lines go to an in-memory ring of this name, read with `show events` on
   * the admin socket (for response-time percentiles); no log at all when absent.
   */
  accessLogRing?: string;
  /** A busy pod's requests are logged at this many to twice as many lines a second (default 250). */
  accessLogLinesPerSecondPerPod?: number;
}

export interface HaproxyPodConfig {
  /** Served at `/<name>`, backend `be_<name>`. */
  name: string;
  algorithm: BalanceAlgorithm;
  paused: boolean;
  /** What `/<name>` runs on the pod's nodes, named to them in the job headers (none: the path decides). */
  job?: PodJob;
  /** Requests refused with 503 + Retry-After once the queue holds this many per usable server; absent: no bound. */
  queuePerNode?: number;
  servers: HaproxyServerConfig[];
}

export interface HaproxyServerConfig {
  name: string;
  host: string;
  port: number;
  weight: number;
  /** `maxconn`: requests the node gets at once, the rest wait in the backend's queue; absent: no limit. */
  maxConnections?: number;
  /** `maint` renders the server `disabled`; `drain` is carried over a reload by the server-state file. */
  state?: ServerAdminState;
}

/** All in milliseconds. */
export interface HaproxyTimeouts {
  connectMs: number;
  clientMs: number;
  /** Must outlast the slowest job (heavy pods run for seconds): a cut request is a lost request. */
  serverMs: number;
  httpRequestMs: number;
  httpKeepAliveMs: number;
  queueMs: number;
  checkMs: number;
  /** How long an old worker may keep finishing requests after a reload. */
  hardStopAfterMs: number;
}

export const DEFAULT_TIMEOUTS: HaproxyTimeouts = {
  connectMs: 5_000,
  clientMs: 90_000,
  serverMs: 90_000,
  httpRequestMs: 10_000,
  httpKeepAliveMs: 10_000,
  queueMs: 30_000,
  checkMs: 2_000,
  hardStopAfterMs: 90_000,
};

export const backendName = (pod: string): string => `be_${pod}`;
export const ACCESS_LOG_RING = 'strato_access';
/**
 * A pod's requests are logged 1 in floor(rate / linesPerSecondPerPod): every one up to 2x that rate,
 * then 250 to 500 lines a second, 2,500 or more per 10 s window for its p99 (see access-log-sampling.ts).
 */
export const ACCESS_LOG_SAMPLING = { linesPerSecondPerPod: 250 } as const;
/** Room for ~100k lines: far more than the reader leaves unread between two reads (about 1 s). */
export const ACCESS_LOG_RING_BYTES = 4 * 1024 * 1024;
export const FRONTEND_NAME = 'fe_strato';
export const UNKNOWN_PATH_BACKEND = 'be_unknown_path';
