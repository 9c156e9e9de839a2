import type { CloudEvent, Node, Pod } from '@strato/api-client';
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
  { header: 'PATH', value: (p) => p.path },
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
