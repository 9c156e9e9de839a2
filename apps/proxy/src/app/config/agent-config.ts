import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { LABEL_PATTERN, MAX_LABELS, type RuntimeKind } from '@strato/contracts';

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
  /**
   * The address this host's nodes listen on and the load balancer reaches them at: its address on the
   * network the control host is on. Loopback on a single-host cloud.
   */
  nodeAddress: string;
  /** The owner's labels for this host (zone=a, disk=ssd…), which pods' placement can ask for. */
  labels: Record<string, string>;
  /** What the host offers its nodes, which the manager's placement reserves from; undefined: all of it. */
  capacity: { cpus: number | undefined; memoryBytes: number | undefined };
  /** The swarm runtime's reservations are the pod's size divided by this (STRATO_OVERCOMMIT, as the manager's). */
  overcommit: number;
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

function parseLabels(raw: string, problems: string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [key, value, ...rest] = pair.split('=');
    if (rest.length > 0 || !LABEL_PATTERN.test(key ?? '') || !LABEL_PATTERN.test(value ?? '')) {
      problems.push(
        `STRATO_AGENT_LABELS must be KEY=VALUE pairs separated by commas (letters, digits, . _ / -), got "${pair}"`,
      );
      continue;
    }
    labels[key] = value;
  }
  if (Object.keys(labels).length > MAX_LABELS)
    problems.push(`STRATO_AGENT_LABELS may have at most ${MAX_LABELS} labels`);
  return labels;
}

function isIpv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
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

function optionalPositive(env: Env, name: string, problems: string[]): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!(value > 0)) problems.push(`${name} must be a positive number, got "${raw}"`);
  return value;
}

const mebibytes = (mib: number | undefined): number | undefined =>
  mib === undefined ? undefined : Math.round(mib * 2 ** 20);

/** Nodes listen where the agent does, unless the agent listens everywhere (then: loopback). */
function defaultNodeAddress(agentHost: string | undefined): string {
  return !agentHost || agentHost === '0.0.0.0' ? '127.0.0.1' : agentHost;
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
  if (!['auto', 'process', 'docker', 'swarm'].includes(runtime))
    problems.push(`STRATO_RUNTIME must be auto, process, docker or swarm, got "${runtime}"`);
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
    nodeAddress: env['STRATO_NODE_ADDRESS'] || defaultNodeAddress(env['STRATO_AGENT_HOST']),
    labels: parseLabels(env['STRATO_AGENT_LABELS'] ?? '', problems),
    capacity: {
      cpus: optionalPositive(env, 'STRATO_AGENT_CPUS', problems),
      memoryBytes: mebibytes(optionalPositive(env, 'STRATO_AGENT_MEMORY_MIB', problems)),
    },
    overcommit: Number(env['STRATO_OVERCOMMIT'] || 1),
  };
  if (!(config.overcommit >= 1)) {
    problems.push(
      `STRATO_OVERCOMMIT must be a number of at least 1 (1: never overcommit), got "${env['STRATO_OVERCOMMIT']}"`,
    );
  }
  if (!isIpv4(config.nodeAddress) || config.nodeAddress === '0.0.0.0') {
    problems.push(
      `STRATO_NODE_ADDRESS must be this host's IPv4 address that the load balancer reaches, got "${config.nodeAddress}"`,
    );
  }
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
