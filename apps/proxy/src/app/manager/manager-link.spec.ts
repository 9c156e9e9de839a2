import type { AgentRegistration, NodeExitReport } from '@strato/contracts';
import { createServer, type Server } from 'node:http';
import request from 'supertest';
import {
  agentAuth,
  type AgentTestApp,
  createAgentTestApp,
  waitForHealth,
} from '../../testing/agent-test-app';

interface FakeManager {
  server: Server;
  url: string;
  exits: NodeExitReport[];
  registrations: AgentRegistration[];
}

/** A manager that answers 200 to everything and keeps the registrations and exit reports it is sent. */
async function startFakeManager(): Promise<FakeManager> {
  const exits: NodeExitReport[] = [];
  const registrations: AgentRegistration[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url?.endsWith('/events'))
        exits.push(...(JSON.parse(body) as { events: NodeExitReport[] }).events);
      if (req.url === '/api/v1/agents') registrations.push(JSON.parse(body) as AgentRegistration);
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { server, url, exits, registrations };
}

describe('ManagerLink', () => {
  let manager: FakeManager;
  let test: AgentTestApp;

  beforeAll(async () => {
    manager = await startFakeManager();
    test = await createAgentTestApp({ STRATO_MANAGER_URL: manager.url, STRATO_AGENT_HEARTBEAT_MS: '100' });
  }, 30_000);

  afterAll(async () => {
    await test?.close();
    await new Promise((resolve) => manager?.server.close(resolve));
  }, 30_000);

  it("registers with the script interpreters its runtime's nodes have", async () => {
    for (let i = 0; i < 100 && manager.registrations.length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    const interpreters = await test.runtime.interpreters();
    expect(interpreters).toContain('node');
    expect(manager.registrations[0]).toMatchObject({
      id: test.config.agentId,
      runtime: 'process',
      interpreters,
    });
  });

  it('reports a node exit to the manager with the incarnation of the launch that exited', async () => {
    const http = () => request(test.app.getHttpServer());
    const body = { nodeId: 'n1', incarnation: 4, pod: 'light', cpus: 0.3, memoryMiB: 100 };
    const { port } = (await http().post('/agent/v1/nodes').set(agentAuth).send(body).expect(201)).body;
    await waitForHealth(port);
    await http().post('/agent/v1/nodes/n1/stop').set(agentAuth).expect(200);
    for (let i = 0; i < 100 && manager.exits.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(manager.exits).toEqual([
      expect.objectContaining({ type: 'exited', nodeId: 'n1', incarnation: 4, pod: 'light' }),
    ]);
  });
});
