import { createStratoClient, type StratoClient, unwrap } from '@strato/api-client';
import fc from 'fast-check';
import { type RunningCloud, startCloud } from './support/cloud-harness';
import { cloudState } from './support/cloud-state';
import { type FuzzTarget, type MalformedRequest, malformedRequests } from './support/malformed-requests';
import { type OpenApiDocument, type Operation, operationsOf } from './support/openapi-operations';
import { type RawAnswer, sendAll } from './support/raw-http';

const SEED = 20_261_122;
const AT_LEAST = 2_000;
const IN_FLIGHT = 8;

type Result = { request: MalformedRequest; answer: RawAnswer | Error };

const cut = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max)}… (${text.length})` : text;

function describeResult({ request, answer }: Result): string {
  const body = request.body ? ` body=${JSON.stringify(cut(request.body.toString(), 200))}` : '';
  const got =
    answer instanceof Error ? `no answer: ${answer.message}` : `${answer.status} ${cut(answer.text, 300)}`;
  return `${request.method} ${cut(request.path, 200)} [${request.flaws.join(', ')}] ${JSON.stringify(request.headers['content-type'] ?? null)}${body} → ${got}`;
}

/** Why an answer is not the clear rejection bad input must get; undefined when it is one. */
function problemWith(answer: RawAnswer | Error): string | undefined {
  if (answer instanceof Error) return 'no answer';
  if (answer.status >= 500) return '5xx';
  if (answer.status < 400) return 'accepted';
  if (!answer.contentType.startsWith('application/json')) return `not JSON (${answer.contentType})`;
  try {
    const body = JSON.parse(answer.text) as { statusCode?: unknown };
    return body.statusCode === answer.status ? undefined : `statusCode ${String(body.statusCode)}`;
  } catch {
    return 'unparsable JSON';
  }
}

const countBy = <T>(items: T[], key: (item: T) => string[]) =>
  items.reduce<Record<string, number>>((counts, item) => {
    for (const k of key(item)) counts[k] = (counts[k] ?? 0) + 1;
    return counts;
  }, {});

describe('thousands of malformed requests across every route: clear 4xx errors, no 5xx, nothing changed', () => {
  let running: RunningCloud;
  let api: StratoClient;
  let operations: Operation[];
  let results: Result[];
  let before: Awaited<ReturnType<typeof cloudState>>;
  let after: Awaited<ReturnType<typeof cloudState>>;

  beforeAll(async () => {
    running = await startCloud({ runtime: 'process', lb: 'embedded' });
    api = createStratoClient({ baseUrl: running.managerUrl, token: running.token });
    await unwrap(api.POST('/api/v1/cloud/init'));
    await unwrap(api.POST('/api/v1/nodes', { body: { name: 'n1', pod: 'light' } }));
    await unwrap(api.POST('/api/v1/pods/{pod}/launch', { params: { path: { pod: 'light' } } }));
    await unwrap(api.POST('/api/v1/nodes', { body: { name: 'n2', pod: 'medium' } }));

    const doc = (await (await fetch(`${running.managerUrl}/api/docs-json`)).json()) as OpenApiDocument;
    operations = operationsOf(doc);
    const known = new Set(['light', 'medium', 'heavy', '0', '1', '2', 'n1', 'n2', 'local']);
    const target: FuzzTarget = {
      pathValues: { pod: ['light', 'medium', 'heavy'], name: ['n1', 'n2'], id: ['local'] },
      isKnown: (segment) => known.has(segment),
      bodies: {
        registerNode: { name: 'fuzz-node', pod: 'medium' },
        setElasticityTick: { tickMs: 2500 },
      },
      auth: {
        owner: { authorization: `Bearer ${running.token}` },
        agent: running.agentAuth(),
        public: {},
      },
    };
    const perOperation = Math.ceil(AT_LEAST / operations.length) + 1;
    const requests = operations.flatMap((op, i) =>
      fc.sample(malformedRequests(op, target), { seed: SEED + i, numRuns: perOperation }),
    );

    before = await cloudState(api);
    const started = Date.now();
    results = await sendAll(running.managerUrl, requests, IN_FLIGHT);
    const seconds = (Date.now() - started) / 1000;
    after = await cloudState(api);

    const statuses = countBy(results, (r) => [r.answer instanceof Error ? 'none' : String(r.answer.status)]);
    const flaws = countBy(results, (r) => r.request.flaws);
    console.log(
      `${results.length} malformed requests to ${operations.length} operations in ${seconds.toFixed(1)} s\n` +
        `by status: ${JSON.stringify(statuses)}\nby flaw: ${JSON.stringify(flaws)}`,
    );
  }, 170_000);

  afterAll(async () => {
    await running?.stop();
  });

  it(`sends at least ${AT_LEAST} requests, some to every operation, with every kind of flaw`, () => {
    expect(results.length).toBeGreaterThanOrEqual(AT_LEAST);
    const perOperation = countBy(results, (r) => [r.request.operation]);
    expect(operations.filter((op) => !(perOperation[op.id] > 0)).map((op) => op.id)).toEqual([]);
    const flaws = countBy(results, (r) => r.request.flaws);
    expect(Object.keys(flaws).sort()).toEqual(
      [
        'bad-number',
        'bad-query-value',
        'body-shape',
        'chunked',
        'deep-nesting',
        'huge-string',
        'malformed-json',
        'missing-body',
        'missing-required',
        'unexpected-body',
        'unicode',
        'unknown-field',
        'unknown-query',
        'weird-path-param',
        'wrong-content-type',
        'wrong-type',
      ].sort(),
    );
  });

  const failing = (problem: (p: string) => boolean) => {
    const failed = results.filter((r) => problem(problemWith(r.answer) ?? 'none'));
    return { count: failed.length, first: failed.slice(0, 20).map(describeResult) };
  };

  it('answers none of them with a 5xx', () => {
    expect(failing((p) => p === '5xx')).toEqual({ count: 0, first: [] });
  });

  it('accepts none of them: malformed means rejected', () => {
    expect(failing((p) => p === 'accepted')).toEqual({ count: 0, first: [] });
  });

  it('answers every one with a 4xx JSON body whose statusCode is the HTTP status', () => {
    expect(failing((p) => p !== 'none' && p !== '5xx' && p !== 'accepted')).toEqual({ count: 0, first: [] });
  });

  it('leaves pods, nodes, load balancer, elasticity, agents and the event log as they were', () => {
    expect(after).toEqual(before);
  });
});
