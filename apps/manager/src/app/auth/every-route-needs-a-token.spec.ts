import request from 'supertest';
import {
  AGENT_TOKEN_FOR_TESTS,
  createTestApp,
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

  beforeAll(async () => {
    test = await createTestApp();
    all = await routes(test);
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
    ['in its own header', { 'x-strato-agent-token': AGENT_TOKEN_FOR_TESTS }],
    ['as a bearer token', { authorization: `Bearer ${AGENT_TOKEN_FOR_TESTS}` }],
  ])(
    'answers 403 to every owner route given the agent token %s',
    async (_, headers: Record<string, string>) => {
      for (const { method, path, op } of ownerRoutes()) {
        const response = await send(method, path, headers);
        expect({ op: op.operationId, status: response.status }).toEqual({ op: op.operationId, status: 403 });
        expect(response.body).toMatchObject({
          statusCode: 403,
          error: 'Forbidden',
          message: expect.stringContaining('the agent token cannot call owner routes'),
        });
        expect(JSON.stringify(response.body)).not.toContain(AGENT_TOKEN_FOR_TESTS);
      }
    },
  );

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
