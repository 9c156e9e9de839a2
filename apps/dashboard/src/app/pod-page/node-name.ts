import type { Node } from '@strato/api-client';

/** A free name for the pod's next node: `light-3` after `light-1` and `light-2`. */
export function suggestNodeName(pod: string, nodes: readonly Node[]): string {
  const taken = new Set(nodes.map((node) => node.name));
  const prefix = `${pod}-`;
  const numbers = nodes
    .map((node) => (node.name.startsWith(prefix) ? Number(node.name.slice(prefix.length)) : Number.NaN))
    .filter((n) => Number.isInteger(n) && n > 0);
  let next = numbers.length ? Math.max(...numbers) + 1 : 1;
  while (taken.has(`${prefix}${next}`)) next++;
  return `${prefix}${next}`;
}

/** The node `POST /pods/{pod}/launch` starts: the pod's oldest NEW one. */
export function firstNewNode(nodes: readonly Node[]): Node | undefined {
  return nodes
    .filter((node) => node.status === 'NEW')
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))[0];
}
