import type { NodeView, PodView } from '@strato/contracts';

export interface PodWithNodes {
  readonly pod: PodView;
  readonly nodes: readonly NodeView[];
}

const byNodeName = (a: NodeView, b: NodeView): number =>
  a.name.localeCompare(b.name, 'en', { numeric: true });

/** Pods in the API's order, each with its own nodes sorted by name (light-2 before light-10). */
export function joinPodsWithNodes(pods: readonly PodView[], nodes: readonly NodeView[]): PodWithNodes[] {
  const nodesByPod = new Map<string, NodeView[]>();
  for (const node of nodes) {
    const list = nodesByPod.get(node.pod) ?? [];
    list.push(node);
    nodesByPod.set(node.pod, list);
  }
  return pods.map((pod) => ({ pod, nodes: (nodesByPod.get(pod.name) ?? []).sort(byNodeName) }));
}
