import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startValidatingProxy, type ValidatingProxy } from './validating-proxy';

const json = (schema: unknown) => ({ description: '', content: { 'application/json': { schema } } });

/** A document of two routes, with the nullable nested DTO the issue was about. */
const DOCUMENT = {
  openapi: '3.1.0',
  info: { title: 'a manager', version: '1' },
  paths: {
    '/api/v1/lb': {
      get: {
        responses: {
          '200': json({ $ref: '#/components/schemas/Lb' }),
          '401': { $ref: '#/components/responses/Error' },
        },
      },
    },
    '/api/v1/pods/{pod}/heartbeat': { post: { responses: { '204': { description: '' } } } },
  },
  components: {
    schemas: {
      Lb: {
        type: 'object',
        required: ['latency'],
        properties: { latency: { oneOf: [{ $ref: '#/components/schemas/Latency' }, { type: 'null' }] } },
      },
      Latency: { type: 'object', required: ['p50Ms'], properties: { p50Ms: { type: 'number' } } },
    },
    responses: {
      Error: json({ type: 'object', required: ['message'], properties: { message: { type: 'string' } } }),
    },
  },
};

describe('the validating proxy passes answers on and names each one that breaks the document', () => {
  let manager: Server;
  let proxy: ValidatingProxy;
  let answer: { status: number; body?: unknown };

  beforeAll(async () => {
    manager = createServer((request, response) => {
      const { status, body } = request.url === '/api/docs-json' ? { status: 200, body: DOCUMENT } : answer;
      response.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    });
    await new Promise<void>((resolve) => manager.listen(0, '127.0.0.1', resolve));
    proxy = await startValidatingProxy(`http://127.0.0.1:${(manager.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise((resolve) => manager.close(resolve));
  });

  const send = async (method: string, path: string, given: typeof answer) => {
    answer = given;
    const response = await fetch(`${proxy.url}${path}`, { method });
    return { status: response.status, body: await response.text() };
  };

  it('passes on answers that keep the document, unchanged', async () => {
    const latency = { latency: { p50Ms: 3 } };
    expect(await send('GET', '/api/v1/lb', { status: 200, body: latency })).toEqual({
      status: 200,
      body: JSON.stringify(latency),
    });
    await send('GET', '/api/v1/lb?fresh=1', { status: 200, body: { latency: null } });
    await send('GET', '/api/v1/lb', { status: 401, body: { message: 'missing token' } });
    await send('POST', '/api/v1/pods/light/heartbeat', { status: 204 });
    expect(() => proxy.assertResponsesKeptTheDocument()).not.toThrow();
  });

  it('names the method, path, status and what Ajv found, for each one that does not', async () => {
    expect(await send('GET', '/api/v1/lb', { status: 200, body: { latency: 'none' } })).toMatchObject({
      status: 200,
    });
    await send('GET', '/api/v1/lb', { status: 500, body: { message: 'boom' } });
    await send('POST', '/api/v1/pods/light/heartbeat', { status: 200, body: {} });
    await send('GET', '/api/v1/nowhere', { status: 200, body: {} });
    expect(() => proxy.assertResponsesKeptTheDocument()).toThrow(
      [
        '4 response(s) broke the OpenAPI document:',
        'GET /api/v1/lb → 200: body/latency must be object; body/latency must be null; body/latency must match exactly one schema in oneOf',
        'GET /api/v1/lb → 500: status 500 is not documented (only 200, 401)',
        'POST /api/v1/pods/light/heartbeat → 200: status 200 is not documented (only 204)',
        'GET /api/v1/nowhere → 200: no operation of the document answers this method and path',
      ].join('\n'),
    );
    expect(() => proxy.assertResponsesKeptTheDocument()).not.toThrow();
  });
});
