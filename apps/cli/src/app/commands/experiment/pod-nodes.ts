import { type StratoClient, unwrap } from '@strato/api-client';
import { CommandFailedError, EXIT } from '../../exit-codes';

const READY_TIMEOUT_MS = 120_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function onlineNodes(client: StratoClient, pod: string): Promise<string[]> {
  const nodes = await unwrap(client.GET('/api/v1/nodes', { params: { query: { pod } } }));
  return nodes.filter((n) => n.status === 'ONLINE').map((n) => n.name);
}

/** A name no node has: `<pod>-exp1`, `<pod>-exp2`, … */
async function freeNodeName(client: StratoClient, pod: string): Promise<string> {
  const taken = new Set((await unwrap(client.GET('/api/v1/nodes'))).map((n) => n.name));
  for (let i = 1; ; i++) if (!taken.has(`${pod}-exp${i}`)) return `${pod}-exp${i}`;
}

/** Registers and launches nodes until the pod has `count` ONLINE; the names it added. */
export async function launchUpTo(
  client: StratoClient,
  pod: string,
  count: number,
  say: (line: string) => void,
): Promise<string[]> {
  const added: string[] = [];
  while ((await onlineNodes(client, pod)).length < count) {
    const name = await freeNodeName(client, pod);
    say(`launching node ${name} in pod ${pod} for the experiment…`);
    await unwrap(client.POST('/api/v1/nodes', { body: { name, pod } }));
    added.push(name);
    await unwrap(client.POST('/api/v1/pods/{pod}/launch', { params: { path: { pod } } }));
  }
  return added;
}

/** Waits until the load balancer reports each of `nodes` UP. */
export async function untilUpInBalancer(client: StratoClient, pod: string, nodes: string[]): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const status = await unwrap(client.GET('/api/v1/lb'));
    const servers = status.pods.find((p) => p.pod === pod)?.servers ?? [];
    if (nodes.every((node) => servers.some((s) => s.node === node && s.health === 'up'))) return;
    if (Date.now() > deadline)
      throw new CommandFailedError(
        `the load balancer did not report every node of pod ${pod} UP within ${READY_TIMEOUT_MS / 1000} s (cloud lb status)`,
        EXIT.unavailable,
      );
    await pause(250);
  }
}

/** Drains and removes every node of the pod not in `keep` (the ones a policy added), whatever its state. */
export async function removeAllBut(
  client: StratoClient,
  pod: string,
  keep: ReadonlySet<string>,
  say: (line: string) => void,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const extra = (await unwrap(client.GET('/api/v1/nodes', { params: { query: { pod } } }))).filter(
      (n) => !keep.has(n.name),
    );
    if (extra.length === 0) return;
    say(`removing ${extra.map((n) => n.name).join(', ')} (added during the experiment)…`);
    for (const node of extra) {
      // A node still starting cannot be removed yet (409): the next round tries again.
      await unwrap(
        client.DELETE('/api/v1/nodes/{name}', { params: { path: { name: node.name }, query: {} } }),
      ).catch((error: Error) => {
        if (attempt >= 20) throw error;
      });
    }
    await pause(500);
  }
}

/** A capacity is measured with twice as many users as the nodes take requests at once: none idles. */
const USERS_PER_SLOT = 2;

/** Closed-loop users for measuring what `nodes` serve, from their connection limits in the balancer now. */
export async function capacityUsers(client: StratoClient, pod: string, nodes: string[]): Promise<number> {
  const lb = await unwrap(client.GET('/api/v1/lb'));
  const slots = (lb.pods.find((p) => p.pod === pod)?.servers ?? [])
    .filter((s) => nodes.includes(s.node))
    .reduce((sum, s) => sum + Math.max(1, s.maxConnections), 0);
  return Math.max(USERS_PER_SLOT, slots * USERS_PER_SLOT);
}
