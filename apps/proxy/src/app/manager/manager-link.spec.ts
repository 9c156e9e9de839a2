import { AGENT_TOKEN_HEADER, type AgentRegistration, type NodeExitReport } from '@strato/contracts';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import request from 'supertest';
import {
  agentAuth as joinAuth,
  type AgentTestApp,
  createAgentTestApp,
  waitForHealth,
} from '../../testing/agent-test-app';

const JOIN_TOKEN = joinAuth[AGENT_TOKEN_HEADER];

interface Call {
  path: string;
  token: string;
}

interface FakeManager {
  server: Server;
  url: string;
  exits: NodeExitReport[];
  registrations: AgentRegistration[];
  calls: Call[];
  /** The credential the next join is issued. */
  issue: string;
  /** Answers this status to every call while set (401: credential not taken; 403: revoked). */
  refuse: number | undefined;
}

/** A manager that issues a credential to each join and keeps what it is sent and with which token. */
async function startFakeManager(): Promise<FakeManager> {
  const fake: FakeManager = {
    server: undefined as unknown as Server,
    url: '',
    exits: [],
    registrations: [],
    calls: [],
    issue: 'agent-x:1:first-credential-0123456789',
    refuse: undefined,
  };
  fake.server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const token = String(req.headers[AGENT_TOKEN_HEADER] ?? '');
      fake.calls.push({ path: req.url ?? '', token });
      if (fake.refuse !== undefined) {
        res.statusCode = fake.refuse;
        res.end(JSON.stringify({ statusCode: fake.refuse, message: 'refused' }));
        return;
      }
      if (req.url?.endsWith('/events'))
        fake.exits.push(...(JSON.parse(body) as { events: NodeExitReport[] }).events);
      if (req.url === '/api/v1/agents') {
        const registration = JSON.parse(body) as AgentRegistration;
        fake.registrations.push(registration);
        const credential = token === JOIN_TOKEN ? fake.issue : token;
        res.end(JSON.stringify({ id: registration.id, credential }));
        return;
      }
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(fake.server.address() as { port: number }).port}`;
  return fake;
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('ManagerLink', () => {
  let manager: FakeManager;
  let test: AgentTestApp;
  const http = () => request(test.app.getHttpServer());
  const as = (token: string) => ({ [AGENT_TOKEN_HEADER]: token });
  const lastCall = () => manager.calls[manager.calls.length - 1];

  beforeAll(async () => {
    manager = await startFakeManager();
    test = await createAgentTestApp({ STRATO_MANAGER_URL: manager.url, STRATO_AGENT_HEARTBEAT_MS: '100' });
  }, 30_000);

  afterAll(async () => {
    await test?.close();
    await new Promise((resolve) => manager?.server.close(resolve));
  }, 30_000);

  it("joins with the join token and the script interpreters its runtime's nodes have", async () => {
    await until(() => manager.registrations.length > 0, 'a registration');
    const interpreters = await test.runtime.interpreters();
    expect(interpreters).toContain('node');
    expect(manager.registrations[0]).toMatchObject({
      id: test.config.agentId,
      runtime: 'process',
      interpreters,
    });
    expect(manager.calls[0]).toEqual({ path: '/api/v1/agents', token: JOIN_TOKEN });
  });

  it('then calls with its own credential, kept in the state dir with mode 0600, and accepts only that', async () => {
    await until(() => lastCall().path.endsWith('/heartbeat'), 'a heartbeat');
    expect(lastCall().token).toBe(manager.issue);
    const file = join(test.config.stateDir, 'agent-credential');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await http().get('/agent/v1/info').set(as(manager.issue)).expect(200);
    const refused = await http().get('/agent/v1/info').set(joinAuth).expect(401);
    expect(JSON.stringify(refused.body)).not.toContain(JOIN_TOKEN);
    await http().get('/agent/v1/info').set(as('agent-y:1:another-agents-credential')).expect(401);
  });

  it('registers again, with its credential, when what its runtime offers changes (a host joined the swarm)', async () => {
    const first = manager.registrations[0];
    expect(first).toMatchObject({ cores: cpus().length, memoryBytes: totalmem() });
    const grown = { cores: first.cores + 4, memoryBytes: first.memoryBytes + 2 ** 33, hosts: 2 };
    const spy = jest.spyOn(test.runtime, 'capacity').mockResolvedValue(grown);
    try {
      const from = manager.registrations.length;
      await until(() => manager.registrations.length > from, 'a registration');
      expect(manager.registrations[from]).toMatchObject({
        cores: grown.cores,
        memoryBytes: grown.memoryBytes,
      });
      expect(manager.calls.filter((c) => c.path === '/api/v1/agents').pop()?.token).toBe(manager.issue);
      await http()
        .get('/agent/v1/info')
        .set(as(manager.issue))
        .expect(200)
        .expect(({ body }) => {
          expect(body).toMatchObject({ cores: grown.cores, memoryBytes: grown.memoryBytes });
        });
      const heartbeatsFrom = manager.calls.length;
      await until(
        () => manager.calls.slice(heartbeatsFrom).some((c) => c.path.endsWith('/heartbeat')),
        'a heartbeat',
      );
      expect(manager.registrations.length).toBe(from + 1);
    } finally {
      spy.mockRestore();
    }
    const back = manager.registrations.length;
    await until(() => manager.registrations.length > back, 'a registration');
    expect(manager.registrations[back]).toMatchObject({ cores: first.cores, memoryBytes: first.memoryBytes });
  });

  it('reports a node exit to the manager with the incarnation of the launch that exited', async () => {
    const auth = as(manager.issue);
    const body = { nodeId: 'n1', incarnation: 4, pod: 'light', cpus: 0.3, memoryMiB: 100 };
    const { port } = (await http().post('/agent/v1/nodes').set(auth).send(body).expect(201)).body;
    await waitForHealth(port);
    await http().post('/agent/v1/nodes/n1/stop').set(auth).expect(200);
    await until(() => manager.exits.length > 0, 'an exit report');
    expect(manager.exits).toEqual([
      expect.objectContaining({ type: 'exited', nodeId: 'n1', incarnation: 4, pod: 'light' }),
    ]);
    expect(manager.calls.find((c) => c.path.endsWith('/events'))?.token).toBe(manager.issue);
  });

  it('takes a rotated credential: the new one from now on, the old one only for the grace', async () => {
    const old = manager.issue;
    const rotated = 'agent-x:2:rotated-credential-0123456789';
    await http()
      .put('/agent/v1/credential')
      .set(joinAuth)
      .send({ credential: rotated, previousValidForMs: 300 })
      .expect(401);
    await http()
      .put('/agent/v1/credential')
      .set(as(old))
      .send({ credential: rotated, previousValidForMs: 300, extra: 1 })
      .expect(400);
    await http()
      .put('/agent/v1/credential')
      .set(as(old))
      .send({ credential: rotated, previousValidForMs: 300 })
      .expect(204);
    await http().get('/agent/v1/info').set(as(old)).expect(200);
    await http().get('/agent/v1/info').set(as(rotated)).expect(200);
    const from = manager.calls.length;
    await until(() => manager.calls.slice(from).some((c) => c.path.endsWith('/heartbeat')), 'a heartbeat');
    expect(manager.calls.slice(from).every((c) => c.token === rotated)).toBe(true);
    await new Promise((r) => setTimeout(r, 350));
    await http().get('/agent/v1/info').set(as(old)).expect(401);
    await http().get('/agent/v1/info').set(as(rotated)).expect(200);
  });

  it('joins again with the join token when the manager no longer takes its credential (401)', async () => {
    manager.issue = 'agent-x:3:rejoined-credential-0123456789';
    const from = manager.calls.length;
    manager.refuse = 401;
    await until(() => manager.calls.slice(from).some((c) => c.token === JOIN_TOKEN), 'a join');
    manager.refuse = undefined;
    await until(
      () => lastCall().token === manager.issue && lastCall().path.endsWith('/heartbeat'),
      'a heartbeat',
    );
    await http().get('/agent/v1/info').set(as(manager.issue)).expect(200);
  });

  it('asks seldom while revoked (403 to its join) and goes on once readmitted', async () => {
    manager.refuse = 401;
    const from = manager.calls.length;
    await until(() => manager.calls.slice(from).some((c) => c.token === JOIN_TOKEN), 'a join');
    manager.refuse = 403;
    const refusedAt = manager.calls.length;
    await new Promise((r) => setTimeout(r, 1000));
    expect(manager.calls.length - refusedAt).toBeLessThanOrEqual(1);
    manager.refuse = undefined;
  });
});

describe('ManagerLink after a restart', () => {
  it('registers again with the credential kept in its state dir, not the join token', async () => {
    const manager = await startFakeManager();
    const stateDir = mkdtempSync(join(tmpdir(), 'strato-agent-restart-'));
    const env = {
      STRATO_MANAGER_URL: manager.url,
      STRATO_AGENT_HEARTBEAT_MS: '100',
      STRATO_AGENT_STATE_DIR: stateDir,
    };
    try {
      const first = await createAgentTestApp(env);
      await until(() => manager.calls.some((c) => c.path.endsWith('/heartbeat')), 'a heartbeat');
      await first.close();
      const from = manager.calls.length;
      const second = await createAgentTestApp(env);
      try {
        await until(() => manager.calls.length > from, 'a registration');
        expect(manager.calls[from]).toEqual({ path: '/api/v1/agents', token: manager.issue });
        await request(second.app.getHttpServer())
          .get('/agent/v1/info')
          .set({ [AGENT_TOKEN_HEADER]: manager.issue })
          .expect(200);
      } finally {
        await second.close();
      }
    } finally {
      await new Promise((resolve) => manager.server.close(resolve));
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 30_000);
});
