import type { BalanceAlgorithm } from '@strato/contracts';
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
   * Every request's access-log line goes to an in-memory ring of this name, read with `show events` on
   * the admin socket (for response-time percentiles); no log at all when absent.
   */
  accessLogRing?: string;
}

export interface HaproxyPodConfig {
  /** Served at `/<name>`, backend `be_<name>`. */
  name: string;
  algorithm: BalanceAlgorithm;
  paused: boolean;
  servers: HaproxyServerConfig[];
}

export interface HaproxyServerConfig {
  name: string;
  host: string;
  port: number;
  weight: number;
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
/** Every request is logged up to this frontend rate; above it, a random 1 in `keepOneIn`. */
export const ACCESS_LOG_SAMPLING = { aboveRequestsPerSecond: 1000, keepOneIn: 16 } as const;
/** Room for ~100k lines: seconds of the fastest traffic, while the reader takes them as they come. */
export const ACCESS_LOG_RING_BYTES = 4 * 1024 * 1024;
export const FRONTEND_NAME = 'fe_strato';
export const UNKNOWN_PATH_BACKEND = 'be_unknown_path';
