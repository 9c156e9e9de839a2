import type { Node, Pod } from '@strato/api-client';

export interface PodWithNodes {
  readonly pod: Pod;
  readonly nodes: readonly Node[];
}

const byNodeName = (a: Node, b: Node): number => a.name.localeCompare(b.name, 'en', { numeric: true });

/** Pods in the API's order, each with its own nodes sorted by name (light-2 before light-10). */
export function joinPodsWithNodes(pods: readonly Pod[], nodes: readonly Node[]): PodWithNodes[] {
  const nodesByPod = new Map<string, Node[]>();
  for (const node of nodes) {
    const list = nodesByPod.get(node.pod) ?? [];
    list.push(node);
    nodesByPod.set(node.pod, list);
  }
  return pods.map((pod) => ({ pod, nodes: (nodesByPod.get(pod.name) ?? []).sort(byNodeName) }));
}
