/** A pod's node size: a real CPU quota (in CPUs, e.g. 0.3) and a memory limit. */
export interface SizeClass {
  cpus: number;
  memoryMiB: number;
}

export const BALANCE_ALGORITHMS = ['roundrobin', 'leastconn', 'first', 'random', 'source', 'uri'] as const;
export type BalanceAlgorithm = (typeof BALANCE_ALGORITHMS)[number];

export interface PodDefinition extends SizeClass {
  name: string;
  maxNodes: number;
}

/** The three pods `cloud init` creates, as the course specification defines them. */
export const DEFAULT_PODS: readonly PodDefinition[] = [
  { name: 'light', cpus: 0.3, memoryMiB: 100, maxNodes: 20 },
  { name: 'medium', cpus: 0.5, memoryMiB: 300, maxNodes: 15 },
  { name: 'heavy', cpus: 0.8, memoryMiB: 500, maxNodes: 10 },
];

/** Seed toolsets address pods as 0/1/2. */
export const POD_ALIASES: Readonly<Record<string, string>> = { '0': 'light', '1': 'medium', '2': 'heavy' };

export function resolvePodAlias(nameOrAlias: string): string {
  // Own keys only: `POD_ALIASES['toString']` is Object.prototype's function, which became a 500.
  return Object.hasOwn(POD_ALIASES, nameOrAlias) ? POD_ALIASES[nameOrAlias] : nameOrAlias;
}

/** Pod names become URL paths and HAProxy backend names: keep them to a safe alphabet. */
export const POD_NAME_PATTERN = /^[a-z][a-z0-9-]{0,30}$/;
export const NODE_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,40}$/;

export type PodState = 'running' | 'paused';
