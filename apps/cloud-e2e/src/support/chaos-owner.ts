import type { RunningCloud } from './cloud-harness';

export interface OwnerTally {
  /** Answers by status code, over every client. */
  statuses: Record<string, number>;
  /** Calls that got no answer (the manager was being killed and restarted). */
  unanswered: number;
  /** Answers that break the contract: any 5xx but 503, or an error that is not the JSON error body. */
  violations: string[];
  /** 503 answers by their error code: what they said they were. */
  unavailable: Record<string, number>;
}

export const newTally = (): OwnerTally => ({ statuses: {}, unanswered: 0, violations: [], unavailable: {} });

const NODES = ['c1', 'c2', 'c3', 'c4'];
const POD = 'light';

type Op = { name: string; method: string; path: string; body?: unknown };

/** The owner's operations, aimed at the same few nodes so that concurrent clients collide. */
function pickOp(rng: () => number): Op {
  const node = NODES[Math.floor(rng() * NODES.length)];
  const ops: Array<[number, () => Op]> = [
    [4, () => ({ name: 'register', method: 'POST', path: '/api/v1/nodes', body: { name: node, pod: POD } })],
    [4, () => ({ name: 'launch', method: 'POST', path: `/api/v1/pods/${POD}/launch` })],
    [3, () => ({ name: 'rm', method: 'DELETE', path: `/api/v1/nodes/${node}` })],
    [1, () => ({ name: 'pause', method: 'POST', path: `/api/v1/pods/${POD}/pause` })],
    [1.5, () => ({ name: 'resume', method: 'POST', path: `/api/v1/pods/${POD}/resume` })],
    [
      1,
      () => ({
        name: 'algorithm',
        method: 'PUT',
        path: `/api/v1/pods/${POD}/algorithm`,
        body: { algorithm: rng() < 0.5 ? 'roundrobin' : 'leastconn' },
      }),
    ],
    [
      2,
      () => ({
        name: 'weight',
        method: 'PUT',
        path: `/api/v1/nodes/${node}/weight`,
        body: { weight: Math.floor(rng() * 4) },
      }),
    ],
    [
      0.7,
      () => ({
        name: 'elasticity on',
        method: 'POST',
        path: `/api/v1/pods/${POD}/elasticity/enable`,
        body: { minNodes: 1, maxNodes: 3 },
      }),
    ],
    [1, () => ({ name: 'elasticity off', method: 'POST', path: `/api/v1/pods/${POD}/elasticity/disable` })],
  ];
  const total = ops.reduce((sum, [weight]) => sum + weight, 0);
  let roll = rng() * total;
  for (const [weight, make] of ops) {
    roll -= weight;
    if (roll < 0) return make();
  }
  return ops[0][1]();
}

/** One owner client: random operations with a little think time until the deadline. */
export async function runOwnerClient(
  cloud: RunningCloud,
  rng: () => number,
  until: number,
  tally: OwnerTally,
): Promise<void> {
  while (Date.now() < until) {
    const op = pickOp(rng);
    await callOnce(cloud, op, tally);
    await new Promise((r) => setTimeout(r, 50 + rng() * 400));
  }
}

async function callOnce(cloud: RunningCloud, op: Op, tally: OwnerTally): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${cloud.managerUrl}${op.path}`, {
      method: op.method,
      headers: {
        authorization: `Bearer ${cloud.token}`,
        ...(op.body ? { 'content-type': 'application/json' } : {}),
      },
      body: op.body ? JSON.stringify(op.body) : undefined,
      signal: AbortSignal.timeout(60_000),
    });
  } catch {
    tally.unanswered++;
    await new Promise((r) => setTimeout(r, 200));
    return;
  }
  const text = await response.text().catch(() => '');
  tally.statuses[response.status] = (tally.statuses[response.status] ?? 0) + 1;
  if (response.ok) return;
  let body: { statusCode?: number; message?: string; code?: string } = {};
  try {
    body = JSON.parse(text);
  } catch {
    // checked below
  }
  const what = `${op.name} ${op.path} -> ${response.status} ${text.slice(0, 300)}`;
  if (body.statusCode !== response.status || !body.message)
    tally.violations.push(`not the error body: ${what}`);
  if (response.status >= 500 && response.status !== 503) tally.violations.push(what);
  if (response.status === 503) {
    const code = body.code ?? 'no code';
    tally.unavailable[code] = (tally.unavailable[code] ?? 0) + 1;
  }
}
