import type { AgentNodeView, NodeView } from '@strato/contracts';
import type { CloudOptions, RunningCloud } from './cloud-harness';

/** A cloud as the check reads it: the manager's views and every agent's. */
export type ConvergenceTarget = Pick<RunningCloud, 'managerUrl' | 'token' | 'name'> & {
  /** Each agent's URL and its own credential header. */
  agents: { url: string; auth(): Record<string, string> }[];
};
import { dockerApi, engineSocket } from './infrastructure';

interface LbServer {
  node: string;
  port: number;
  weight: number;
  health: string;
}

async function getJson<T>(url: string, headers: Record<string, string>): Promise<T> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/**
 * What keeps the cloud from being converged, as sentences (none: converged): every ONLINE node runs as
 * its incarnation and is up in the load balancer with its weight; every server belongs to a serving
 * node; nothing runs without a record; no node is left STARTING, DRAINING or UNKNOWN.
 */
export async function convergenceProblems(
  cloud: ConvergenceTarget,
  runtime: CloudOptions['runtime'],
): Promise<string[]> {
  const owner = { authorization: `Bearer ${cloud.token}` };
  const nodes = await getJson<NodeView[]>(`${cloud.managerUrl}/api/v1/nodes`, owner);
  const lb = await getJson<{ pods: { pod: string; servers: LbServer[] }[] }>(
    `${cloud.managerUrl}/api/v1/lb`,
    owner,
  );
  const listed = await Promise.all(
    cloud.agents.map((agent) => getJson<AgentNodeView[]>(`${agent.url}/agent/v1/nodes`, agent.auth())),
  );
  const running = listed.flat();
  const problems: string[] = [];
  const servers = lb.pods.flatMap((pod) => pod.servers.map((server) => ({ ...server, pod: pod.pod })));
  for (const node of nodes) {
    if (['STARTING', 'DRAINING', 'UNKNOWN'].includes(node.status))
      problems.push(`${node.name} is ${node.status}`);
    if (node.status !== 'ONLINE') continue;
    const runs = running.find((r) => r.nodeId === node.name);
    if (!runs || runs.state !== 'running' || runs.incarnation !== node.incarnation || runs.port !== node.port)
      problems.push(
        `${node.name} is ONLINE (incarnation ${node.incarnation}) but runs as ${JSON.stringify(runs)}`,
      );
    const server = servers.find((s) => s.pod === node.pod && s.node === node.name);
    const healthy =
      server && (server.health === 'up' || (server.weight === 0 && server.health === 'draining'));
    if (!server || !healthy || server.weight !== node.weight || server.port !== node.port)
      problems.push(
        `${node.name} is ONLINE at weight ${node.weight} but its server is ${JSON.stringify(server)}`,
      );
  }
  const serving = new Set(
    nodes.filter((n) => n.status === 'ONLINE' || n.status === 'PAUSED').map((n) => `${n.pod}/${n.name}`),
  );
  for (const server of servers)
    if (!serving.has(`${server.pod}/${server.node}`))
      problems.push(`server ${server.pod}/${server.node} has no serving node`);
  const recorded = new Set(nodes.filter((n) => n.agent).map((n) => n.name));
  for (const r of running)
    if (!recorded.has(r.nodeId)) problems.push(`${r.nodeId} runs (${r.state}) with no record`);
  if (runtime !== 'process') {
    const filters = encodeURIComponent(JSON.stringify({ label: [`strato.cloud=${cloud.name}`] }));
    const { body } = await dockerApi<{ Labels: Record<string, string> }[]>(
      `/containers/json?all=1&filters=${filters}`,
      'GET',
      engineSocket(runtime),
    );
    for (const c of body)
      if (!recorded.has(c.Labels['strato.node']))
        problems.push(`container of ${c.Labels['strato.node']} has no record`);
  }
  return problems;
}
