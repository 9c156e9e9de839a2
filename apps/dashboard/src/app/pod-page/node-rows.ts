import type { Node } from '@strato/api-client';
import { ageOf, cpuShare, memoryShare, type NodeUsage, type ServerStatus, type Share } from './node-numbers';

/** One line of the nodes table: the node, its use against the caps, and what the balancer says of it. */
export interface NodeRow {
  readonly node: Node;
  readonly server: ServerStatus | undefined;
  readonly cpu: Share;
  readonly memory: Share;
  readonly caps: Caps;
  readonly age: string;
}

/** Whether the host holds the node to its CPU and memory caps; when not, why (from its agent). */
export interface Caps {
  readonly state: string;
  readonly reason: string | null;
}

export function capsOf(node: Node): Caps {
  const { enforced, reason } = node.limits;
  if (enforced === null) return { state: '—', reason: null };
  return enforced
    ? { state: 'enforced', reason: null }
    : { state: 'not enforced:', reason: reason ?? 'no reason given' };
}

export function nodeRows(
  nodes: readonly Node[],
  usage: ReadonlyMap<string, NodeUsage>,
  servers: ReadonlyMap<string, ServerStatus>,
  now: number,
): NodeRow[] {
  return nodes.map((node) => ({
    node,
    server: servers.get(node.name),
    cpu: cpuShare(usage.get(node.name)),
    memory: memoryShare(usage.get(node.name)),
    caps: capsOf(node),
    age: ageOf(node.createdAt, now),
  }));
}
