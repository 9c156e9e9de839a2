import type { AgentNodeView } from '@strato/contracts';
import type { ServerStatus } from '../lb/load-balancer';
import type { NodeRecord } from '../store/nodes.repository';

/** What each reachable agent runs right now; agents that did not answer are absent. */
export type RuntimeView = Map<string, AgentNodeView[]>;

/** The three views one pass compares; `servers` is undefined when the load balancer did not answer. */
export interface WorldView {
  runtimes: RuntimeView;
  servers: ServerStatus[] | undefined;
  /** The same servers by `pod/node`, and runtime nodes by `agent/node`: a pass looks one up per node. */
  serverIndex: Map<string, ServerStatus>;
  runtimeIndex: Map<string, AgentNodeView>;
  /** The agents not heard from (or revoked) as the pass began: their nodes are not known to run. */
  silentAgents: ReadonlySet<string>;
}

export function worldView(
  runtimes: RuntimeView,
  servers: ServerStatus[] | undefined,
  silentAgents: ReadonlySet<string> = new Set(),
): WorldView {
  return {
    runtimes,
    silentAgents,
    servers,
    serverIndex: new Map((servers ?? []).map((server) => [`${server.pod}/${server.nodeId}`, server])),
    runtimeIndex: new Map(
      [...runtimes].flatMap(([agent, nodes]) =>
        nodes.map((node) => [`${agent}/${node.nodeId}`, node] as const),
      ),
    ),
  };
}

/** The node's runtime node on its own agent: undefined if absent, null if the agent did not answer. */
export function runtimeOf(world: WorldView, node: NodeRecord): AgentNodeView | undefined | null {
  if (!node.agent || !world.runtimes.has(node.agent)) return null;
  return world.runtimeIndex.get(`${node.agent}/${node.name}`);
}

/** Running, and the incarnation the store has (a node from before incarnations reports null). */
export function runsAsRecorded(runtime: AgentNodeView, node: NodeRecord): boolean {
  return (
    runtime.state === 'running' && (runtime.incarnation === null || runtime.incarnation === node.incarnation)
  );
}

export function serverOf(world: WorldView, node: NodeRecord): ServerStatus | undefined {
  return world.serverIndex.get(`${node.pod}/${node.name}`);
}
