import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { RuntimeKind } from '@strato/contracts';

/** The agent's environment, validated once at boot. */
export interface AgentConfig {
  host: string;
  port: number;
  token: string;
  cloud: string;
  runtime: RuntimeKind | 'auto';
  stateDir: string;
  jobServerPath: string;
  nodeImage: string;
  portRange: { first: number; last: number };
  stopNodesOnExit: boolean;
  /** Where the manager is; the agent registers there, heartbeats and reports node exits. */
  managerUrl: string | undefined;
  agentId: string;
  /** Where the manager reaches this agent. */
  publicUrl: string;
  heartbeatMs: number;
  /** A cgroup v2 group delegated to the agent for its process nodes; default: found from /proc. */
  cgroupRoot: string | undefined;
  /**
   * CPUs a node may use while it boots, up to its first ready answer (never above the host's CPUs; 0: no
   * boost): a 0.3-CPU cap makes a boot take ~0.4 s instead of ~0.1 s, the bulk of a scale-out.
   */
  bootCpus: number;
}

export class AgentConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

function parsePortRange(raw: string, problems: string[]): { first: number; last: number } {
  const match = /^(\d+)-(\d+)$/.exec(raw);
  const first = Number(match?.[1]);
  const last = Number(match?.[2]);
  if (!match || first < 1024 || last > 65535 || first > last) {
    problems.push(`STRATO_NODE_PORTS must be a range FIRST-LAST within 1024-65535, got "${raw}"`);
  }
  return { first, last };
}

function isUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function defaultAgentId(): string {
  return (
    hostname()
      .toLowerCase()
      .replace(/[^a-z0-9.-]/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, 63) || 'local'
  );
}

export function loadAgentConfig(env: Env = process.env, cwd = process.cwd()): AgentConfig {
  const problems: string[] = [];
  const port = Number(env['STRATO_AGENT_PORT'] ?? 8081);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`STRATO_AGENT_PORT must be a port number, got "${env['STRATO_AGENT_PORT']}"`);
  const token = env['STRATO_AGENT_TOKEN'] ?? '';
  if (token.length < 16)
    problems.push('STRATO_AGENT_TOKEN must be set (at least 16 characters); `npm start` creates one');
  const runtime = env['STRATO_RUNTIME'] ?? 'auto';
  if (!['auto', 'process', 'docker'].includes(runtime))
    problems.push(`STRATO_RUNTIME must be auto, process or docker, got "${runtime}"`);
  const cloud = env['STRATO_CLOUD'] ?? 'strato';
  if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(cloud))
    problems.push(`STRATO_CLOUD must be lower-case letters, digits and dashes, got "${cloud}"`);
  const config: AgentConfig = {
    host: env['STRATO_AGENT_HOST'] ?? '127.0.0.1',
    port,
    token,
    cloud,
    runtime: runtime as AgentConfig['runtime'],
    stateDir: resolve(cwd, env['STRATO_AGENT_STATE_DIR'] ?? 'data/agent'),
    jobServerPath: resolve(cwd, env['STRATO_JOB_SERVER'] ?? 'dist/apps/job/main.js'),
    nodeImage: env['STRATO_NODE_IMAGE'] ?? 'strato-node:latest',
    portRange: parsePortRange(env['STRATO_NODE_PORTS'] ?? '20000-20999', problems),
    stopNodesOnExit: env['STRATO_STOP_NODES_ON_EXIT'] === 'true',
    managerUrl: env['STRATO_MANAGER_URL'] || undefined,
    agentId: env['STRATO_AGENT_ID'] ?? defaultAgentId(),
    publicUrl: env['STRATO_AGENT_PUBLIC_URL'] ?? `http://${env['STRATO_AGENT_HOST'] ?? '127.0.0.1'}:${port}`,
    heartbeatMs: Number(env['STRATO_AGENT_HEARTBEAT_MS'] ?? 5000),
    cgroupRoot: env['STRATO_CGROUP_ROOT'] || undefined,
    bootCpus: Number(env['STRATO_BOOT_CPUS'] ?? 1),
  };
  if (!(config.bootCpus >= 0)) {
    problems.push(`STRATO_BOOT_CPUS must be a number of CPUs, 0 or more, got "${env['STRATO_BOOT_CPUS']}"`);
  }
  if (config.cgroupRoot !== undefined && !config.cgroupRoot.startsWith('/')) {
    problems.push(`STRATO_CGROUP_ROOT must be an absolute path, got "${config.cgroupRoot}"`);
  }
  if (config.managerUrl !== undefined && !isUrl(config.managerUrl)) {
    problems.push(`STRATO_MANAGER_URL must be a URL, got "${config.managerUrl}"`);
  }
  if (!/^[a-z0-9][a-z0-9.-]{0,62}$/.test(config.agentId)) {
    problems.push(
      `STRATO_AGENT_ID must be lower-case letters, digits, dots and dashes, got "${config.agentId}"`,
    );
  }
  if (!Number.isFinite(config.heartbeatMs) || config.heartbeatMs < 100) {
    problems.push(
      `STRATO_AGENT_HEARTBEAT_MS must be at least 100, got "${env['STRATO_AGENT_HEARTBEAT_MS']}"`,
    );
  }
  if (problems.length > 0) throw new AgentConfigError(problems);
  return config;
}

export const AGENT_CONFIG = Symbol('AgentConfig');
