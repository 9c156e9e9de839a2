import type { AgentNodeView } from '@strato/contracts';
import type { ServerStatus } from '../lb/load-balancer';
import type { NodeRecord } from '../nodes/nodes.repository';

/** What each reachable agent runs right now; agents that did not answer are absent. */
export type RuntimeView = Map<string, AgentNodeView[]>;

/** The three views one pass compares; `servers` is undefined when the load balancer did not answer. */
export interface WorldView {
  runtimes: RuntimeView;
  servers: ServerStatus[] | undefined;
}

/** The node's runtime node on its own agent: undefined if absent, null if the agent did not answer. */
export function runtimeOf(world: WorldView, node: NodeRecord): AgentNodeView | undefined | null {
  const reported = node.agent ? world.runtimes.get(node.agent) : undefined;
  if (!reported) return null;
  return reported.find((runtime) => runtime.nodeId === node.name);
}

/** Running, and the incarnation the store has (a node from before incarnations reports null). */
export function runsAsRecorded(runtime: AgentNodeView, node: NodeRecord): boolean {
  return (
    runtime.state === 'running' && (runtime.incarnation === null || runtime.incarnation === node.incarnation)
  );
}

export function serverOf(world: WorldView, node: NodeRecord): ServerStatus | undefined {
  return world.servers?.find((server) => server.pod === node.pod && server.nodeId === node.name);
}
