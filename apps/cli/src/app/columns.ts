import type { Agent, CloudEvent, Job, JobAttempt, Node, Pod } from '@strato/api-client';
import type { Column } from './output';

export const POD_COLUMNS: Column<Pod>[] = [
  { header: 'POD', value: (p) => p.name },
  { header: 'STATE', value: (p) => p.state },
  { header: 'CPU', value: (p) => p.cpus },
  { header: 'MEMORY', value: (p) => `${p.memoryMiB} MiB` },
  { header: 'JOB', value: (p) => (p.job.scale === 1 ? p.job.kind : `${p.job.kind} x${p.job.scale}`) },
  {
    header: 'NODES',
    value: (p) => `${Object.values(p.nodeCounts).reduce((a, b) => a + b, 0)}/${p.maxNodes}`,
  },
  { header: 'ONLINE', value: (p) => p.nodeCounts['ONLINE'] ?? 0 },
  { header: 'PLACEMENT', value: (p) => placementText(p.placement) },
  { header: 'PATH', value: (p) => p.path },
];

export function placementText(placement: Pod['placement']): string {
  const labels = labelsText(placement.labels);
  return labels ? `${placement.mode} (${labels})` : placement.mode;
}

const labelsText = (labels: Record<string, string> | undefined): string =>
  Object.entries(labels ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');

const GiB = 2 ** 30;

export const AGENT_COLUMNS: Column<Agent>[] = [
  { header: 'AGENT', value: (a) => a.id },
  { header: 'REACHABLE', value: (a) => (a.revokedAt ? 'REVOKED' : a.reachable ? 'yes' : 'NO') },
  { header: 'RUNTIME', value: (a) => a.runtime },
  { header: 'NODE ADDRESS', value: (a) => a.nodeAddress ?? null },
  { header: 'NODES', value: (a) => (a.nodePorts ? `${a.reserved.nodes}/${a.nodePorts}` : a.reserved.nodes) },
  { header: 'CPU RESERVED', value: (a) => `${a.reserved.cpus}/${a.cores}` },
  {
    header: 'MEMORY RESERVED',
    value: (a) => `${(a.reserved.memoryMiB / 1024).toFixed(1)}/${(a.memoryBytes / GiB).toFixed(1)} GiB`,
  },
  { header: 'LABELS', value: (a) => labelsText(a.labels) || null },
  { header: 'URL', value: (a) => a.url },
];

export const NODE_COLUMNS: Column<Node>[] = [
  { header: 'NODE', value: (n) => n.name },
  { header: 'POD', value: (n) => n.pod },
  { header: 'STATUS', value: (n) => n.status },
  { header: 'ADDRESS', value: (n) => (n.host && n.port ? `${n.host}:${n.port}` : null) },
  { header: 'LIMITS', value: (n) => limitsText(n.limits) },
  { header: 'REASON', value: (n) => n.reason },
];

/** "enforced", "not enforced (why)", or nothing while unknown (a node not launched yet). */
export function limitsText(limits: Node['limits']): string | null {
  if (limits.enforced === null) return null;
  return limits.enforced ? 'enforced' : `not enforced (${limits.reason ?? 'no reason given'})`;
}

export const EVENT_COLUMNS: Column<CloudEvent>[] = [
  { header: 'TIME', value: (e) => e.at.replace('T', ' ').replace(/\.\d+Z$/, '') },
  { header: 'EVENT', value: (e) => e.type },
  { header: 'POD', value: (e) => e.pod },
  { header: 'NODE', value: (e) => e.node },
  { header: 'MESSAGE', value: (e) => e.message },
];

/** What a job runs: its workload, or its script's interpreter and size. */
export const jobWhat = (j: Job): string =>
  j.workload
    ? j.workload.name
    : j.script
      ? `${j.script.interpreter} script (${j.script.sourceBytes} B)`
      : '-';

/** "exit 0", "signal SIGKILL", "NodeLost": how the (last) attempt ended, once it did. */
export function jobEnd(j: Pick<Job, 'exitCode' | 'signal' | 'reason'>): string | null {
  const how = j.exitCode !== null ? `exit ${j.exitCode}` : j.signal !== null ? `signal ${j.signal}` : null;
  if (j.reason) return how ? `${j.reason} (${how})` : j.reason;
  return how;
}

const seconds = (ms: number | null) => (ms === null ? null : `${(ms / 1000).toFixed(1)} s`);
const clock = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, '');

export const JOB_COLUMNS: Column<Job>[] = [
  { header: 'JOB', value: (j) => j.id },
  { header: 'POD', value: (j) => j.pod },
  { header: 'STATUS', value: (j) => (j.abortRequested && j.status === 'RUNNING' ? 'ABORTING' : j.status) },
  { header: 'WHAT', value: jobWhat },
  { header: 'NODE', value: (j) => j.node },
  { header: 'ATTEMPT', value: (j) => j.attempt },
  { header: 'PRIORITY', value: (j) => j.priority },
  { header: 'END', value: jobEnd },
  { header: 'DURATION', value: (j) => seconds(j.durationMs) },
  { header: 'SUBMITTED', value: (j) => clock(j.submittedAt) },
];

export const JOB_ATTEMPT_COLUMNS: Column<JobAttempt>[] = [
  { header: 'ATTEMPT', value: (a) => a.attempt },
  { header: 'NODE', value: (a) => a.node },
  { header: 'AGENT', value: (a) => a.agent },
  { header: 'STARTED', value: (a) => clock(a.startedAt) },
  { header: 'ENDED', value: (a) => (a.endedAt === null ? 'running' : clock(a.endedAt)) },
  { header: 'END', value: jobEnd },
  {
    header: 'DURATION',
    value: (a) => (a.endedAt === null ? null : seconds(Date.parse(a.endedAt) - Date.parse(a.startedAt))),
  },
];
