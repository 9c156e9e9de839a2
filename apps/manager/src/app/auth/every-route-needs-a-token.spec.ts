import request from 'supertest';
import {
  AGENT_TOKEN_FOR_TESTS,
  agentRegistration,
  createTestApp,
  joinAgent,
  OWNER_TOKEN_FOR_TESTS,
  type TestApp,
} from '../../testing/test-app';

interface Operation {
  operationId: string;
  security?: Record<string, string[]>[];
}

const PUBLIC = new Set(['getHealth']);

/** Every route of the OpenAPI document, with path parameters filled in. */
async function routes(test: TestApp): Promise<{ method: string; path: string; op: Operation }[]> {
  const doc = (await request(test.app.getHttpServer()).get('/api/docs-json').expect(200)).body as {
    paths: Record<string, Record<string, Operation>>;
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method, path: path.replace(/\{[^}]+\}/g, 'x'), op })),
  );
}

const isAgentRoute = (op: Operation) => op.security?.some((s) => 'agent' in s) ?? false;

describe('every route needs its token', () => {
  let test: TestApp;
  let all: Awaited<ReturnType<typeof routes>>;
  /** The own credential of agent `other`: valid, but for no route here (paths name agent `x`). */
  let otherCredential: string;

  beforeAll(async () => {
    test = await createTestApp();
    all = await routes(test);
    otherCredential = (await joinAgent(test, agentRegistration('other')))['x-strato-agent-token'];
  });
  afterAll(() => test.close());

  const send = (method: string, path: string, headers: Record<string, string>) => {
    const http = request(test.app.getHttpServer()) as unknown as Record<string, (p: string) => request.Test>;
    return http[method](path).set(headers);
  };

  it('finds the routes in the OpenAPI document', () => {
    expect(all.length).toBeGreaterThanOrEqual(15);
    expect(
      all
        .filter((r) => isAgentRoute(r.op))
        .map((r) => r.op.operationId)
        .sort(),
    ).toEqual(['agentEvents', 'agentHeartbeat', 'registerAgent']);
  });

  const ownerRoutes = () => all.filter((r) => !PUBLIC.has(r.op.operationId) && !isAgentRoute(r.op));
  const agentRoutes = () => all.filter((r) => isAgentRoute(r.op));

  it.each([
    ['without a token', {}],
    ['with a wrong one', { authorization: 'Bearer wrong-token-0123456789' }],
    ['with the owner token in the wrong scheme', { authorization: `Basic ${OWNER_TOKEN_FOR_TESTS}` }],
  ])('answers 401 to every owner route %s', async (_, headers: Record<string, string>) => {
    for (const { method, path, op } of ownerRoutes()) {
      const response = await send(method, path, headers);
      expect({ op: op.operationId, status: response.status }).toEqual({ op: op.operationId, status: 401 });
      expect(response.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      expect(JSON.stringify(response.body)).not.toContain(OWNER_TOKEN_FOR_TESTS);
    }
  });

  it.each([
    ['the join token in the agent header', () => ({ 'x-strato-agent-token': AGENT_TOKEN_FOR_TESTS })],
    ['the join token as a bearer token', () => ({ authorization: `Bearer ${AGENT_TOKEN_FOR_TESTS}` })],
    ['an agent credential in the agent header', () => ({ 'x-strato-agent-token': otherCredential })],
    ['an agent credential as a bearer token', () => ({ authorization: `Bearer ${otherCredential}` })],
  ])('answers 403 to every owner route given %s', async (_, headers: () => Record<string, string>) => {
    for (const { method, path, op } of ownerRoutes()) {
      const response = await send(method, path, headers());
      expect({ op: op.operationId, status: response.status }).toEqual({ op: op.operationId, status: 403 });
      expect(response.body).toMatchObject({
        statusCode: 403,
        error: 'Forbidden',
        message: expect.stringContaining('the join token and agent credentials cannot call owner routes'),
      });
      expect(JSON.stringify(response.body)).not.toContain(AGENT_TOKEN_FOR_TESTS);
      expect(JSON.stringify(response.body)).not.toContain(otherCredential);
    }
  });

  it("answers 401 to an agent's routes given the join token, 403 given another agent's credential", async () => {
    const ownRoutes = agentRoutes().filter((r) => r.op.operationId !== 'registerAgent');
    expect(ownRoutes.map((r) => r.op.operationId).sort()).toEqual(['agentEvents', 'agentHeartbeat']);
    for (const { method, path, op } of ownRoutes) {
      const join = await send(method, path, { 'x-strato-agent-token': AGENT_TOKEN_FOR_TESTS });
      expect({ op: op.operationId, status: join.status }).toEqual({ op: op.operationId, status: 401 });
      const other = await send(method, path, { 'x-strato-agent-token': otherCredential });
      expect({ op: op.operationId, status: other.status }).toEqual({ op: op.operationId, status: 403 });
      expect(JSON.stringify(other.body)).not.toContain(otherCredential);
    }
  });

  it('answers 401 to every agent route without the agent token or with a wrong one', async () => {
    for (const { method, path, op } of agentRoutes()) {
      for (const headers of [{} as Record<string, string>, { 'x-strato-agent-token': 'wrong' }]) {
        const response = await send(method, path, headers);
        expect({ op: op.operationId, status: response.status }).toEqual({ op: op.operationId, status: 401 });
        expect(JSON.stringify(response.body)).not.toContain(AGENT_TOKEN_FOR_TESTS);
      }
    }
  });

  it('answers 403 to every agent route given the owner token', async () => {
    for (const { method, path, op } of agentRoutes()) {
      const response = await send(method, path, { authorization: `Bearer ${OWNER_TOKEN_FOR_TESTS}` });
      expect({ op: op.operationId, status: response.status }).toEqual({ op: op.operationId, status: 403 });
      expect(JSON.stringify(response.body)).not.toContain(OWNER_TOKEN_FOR_TESTS);
    }
  });

  it('leaves only health public', async () => {
    expect((await send('get', '/api/health', {})).status).toBe(200);
    expect(all.filter((r) => PUBLIC.has(r.op.operationId))).toHaveLength(1);
  });
});
