import { describeNeeding } from '@strato/test-infrastructure';
import { convergenceProblems } from './support/converged';
import { type MultiHostCloud, startMultiHostCloud } from './support/multi-host-cloud';
import { type SentRequest, startSteadyTraffic } from './support/steady-traffic';

interface NodeView {
  name: string;
  pod: string;
  status: string;
  agent: string | null;
}

interface AgentStatus {
  id: string;
  reachable: boolean;
  status: 'up' | 'down';
  nodes: number | null;
}

/** HAProxy's health checks take a dead server out within fall 2 × inter 1 s plus a check timeout. */
const DETECTION_MS = 4_000;
const USERS = 4;
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The course topology for real: a control host (manager + HAProxy) and three worker hosts, each a network
 * namespace with its own address and agent (process runtime). Pods placed across hosts and on one host;
 * one host's link cut under traffic, then restored; an agent killed, then started again.
 */
describeNeeding(['haproxy', 'netns'])('multi-host cloud on test hosts (network namespaces)', () => {
  let cloud: MultiHostCloud;

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${cloud.managerUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${cloud.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const nodes = (pod: string) => call<NodeView[]>('GET', `/api/v1/nodes?pod=${pod}`);
  const perHost = async (pod: string, status = 'ONLINE'): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const node of await nodes(pod))
      if (node.status === status && node.agent) counts[node.agent] = (counts[node.agent] ?? 0) + 1;
    return counts;
  };
  const agents = async () => (await call<{ agents: AgentStatus[] }>('GET', '/api/v1/cloud/status')).agents;
  const agent = async (id: string) => (await agents()).find((a) => a.id === id) as AgentStatus;
  const converged = () =>
    convergenceProblems(
      {
        ...cloud,
        name: 'multi-host',
        agents: ['w1', 'w2', 'w3'].map((w) => ({ url: cloud.agentUrl(w), auth: () => cloud.agentAuth(w) })),
      },
      'process',
    );
  const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<number> => {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (await check().catch(() => false)) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`not within ${timeoutMs} ms: ${what}\n${cloud.logs().slice(-6000)}`);
  };
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const summary = (requests: SentRequest[]) => {
    const failed = requests.filter((r) => !r.ok);
    return `${requests.length} sent, ${requests.length - failed.length} ok, ${failed.length} failed (${[...new Set(failed.map((r) => r.outcome))].join(', ') || 'none'})`;
  };

  beforeAll(async () => {
    cloud = await startMultiHostCloud(3);
    await call('POST', '/api/v1/cloud/init');
    // light: elastic, spread over the hosts; medium: not elastic, on one host, pinned to w1 by its label.
    await call('PATCH', '/api/v1/pods/medium', { placement: { mode: 'one-host', labels: { host: 'w1' } } });
    await call('POST', '/api/v1/pods/light/elasticity/enable', { minNodes: 6, maxNodes: 6 });
    for (const name of ['m1', 'm2']) {
      await call('POST', '/api/v1/nodes', { name, pod: 'medium' });
      await call('POST', '/api/v1/pods/medium/launch');
    }
    await until('six light nodes ONLINE', async () => sum(await perHost('light')) === 6);
  }, 180_000);

  afterAll(async () => {
    await cloud?.stop();
  }, 60_000);

  it('places the elastic pod across the hosts and the one-host pod on its labelled host', async () => {
    expect(await perHost('light')).toEqual({ w1: 2, w2: 2, w3: 2 });
    expect(await perHost('medium')).toEqual({ w1: 2 });
    const started = await call<{ type: string; message: string }[]>(
      'GET',
      '/api/v1/events?type=NodeStarting&limit=50',
    );
    expect(started.map((e) => e.message).filter((m) => m.includes('placed on'))).toHaveLength(8);
    const answer = await fetch(`${cloud.lbUrl}/light`);
    expect(answer.status).toBe(200);
    expect(await converged()).toEqual([]);
  });

  it('cuts a host off under traffic: only requests in flight at the cut fail, its nodes are replaced, and once it is back the cloud converges', async () => {
    const traffic = startSteadyTraffic(`${cloud.lbUrl}/light`, {
      users: USERS,
      timeoutMs: REQUEST_TIMEOUT_MS,
      maxMs: 240_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const w1 = cloud.hosts.workers[0];
    const cutAt = Date.now();
    w1.cut();

    const unreachableMs = await until('w1 unreachable', async () => !(await agent('w1')).reachable);
    const replacedMs = await until(
      'six light nodes ONLINE on w2 and w3',
      async () => {
        const light = await perHost('light');
        return sum(light) === 6 && !light['w1'];
      },
      90_000,
    );
    expect((await nodes('medium')).map((n) => n.status)).toEqual(['UNKNOWN', 'UNKNOWN']);
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const restoredAt = Date.now();
    w1.restore();
    await until('w1 reachable again', async () => (await agent('w1')).reachable);
    const convergedMs = await until(
      'converged: w1 runs only its medium nodes again',
      async () =>
        (await agent('w1')).nodes === 2 &&
        (await perHost('medium'))['w1'] === 2 &&
        (await converged()).length === 0,
      90_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const requests = await traffic.stop();

    const failed = requests.filter((r) => !r.ok);
    const lateFailures = failed.filter((r) => r.startedAt > cutAt + DETECTION_MS);
    console.log(
      `link cut: ${summary(requests)}; w1 unreachable after ${unreachableMs} ms, light replaced after ${unreachableMs + replacedMs} ms, converged ${convergedMs} ms after the link came back`,
    );
    expect(requests.filter((r) => r.startedAt < cutAt && r.ok).length).toBeGreaterThan(0);
    // What failed was sent before the balancer could know: in flight at the cut, or just after it.
    expect(lateFailures).toEqual([]);
    expect(failed.length).toBeLessThanOrEqual(USERS * 2);
    expect(requests.filter((r) => r.startedAt > restoredAt && !r.ok)).toEqual([]);
    expect(requests.filter((r) => r.startedAt > restoredAt && r.ok).length).toBeGreaterThan(0);
    expect(await perHost('light')).not.toHaveProperty('w1');
    expect(await converged()).toEqual([]);
  }, 300_000);

  it("kills a host's agent: its nodes are replaced on the others, and removed from its host when a new agent starts there", async () => {
    const before = await perHost('light');
    expect(before['w2']).toBeGreaterThan(0);
    const traffic = startSteadyTraffic(`${cloud.lbUrl}/light`, {
      users: USERS,
      timeoutMs: REQUEST_TIMEOUT_MS,
      maxMs: 240_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await cloud.stopAgent('w2', 'SIGKILL'); // its nodes keep running, out of the manager's sight
    await until('w2 unreachable', async () => !(await agent('w2')).reachable);
    await until(
      'six light nodes ONLINE without w2',
      async () => {
        const light = await perHost('light');
        return sum(light) === 6 && !light['w2'];
      },
      90_000,
    );
    await cloud.startAgent('w2');
    const convergedMs = await until(
      'converged: the new w2 agent removed what it found running',
      async () => (await agent('w2')).nodes === 0 && (await converged()).length === 0,
      90_000,
    );
    const requests = await traffic.stop();
    console.log(`agent killed: ${summary(requests)}; converged ${convergedMs} ms after it started again`);
    // Its nodes kept serving until they left the balancer through drain: no request failed.
    expect(requests.filter((r) => !r.ok)).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
  }, 300_000);
});
