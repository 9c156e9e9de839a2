import type { AgentInfo, AgentNodeView } from '@strato/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  agentAuth,
  type AgentTestApp,
  createAgentTestApp,
  healthStatus,
  waitForHealth,
} from '../../testing/agent-test-app';
import { AgentNodesService } from './agent-nodes.service';

const createBody = <T>(nodeId: string, incarnation: T) => ({
  nodeId,
  incarnation,
  pod: 'light',
  cpus: 0.3,
  memoryMiB: 100,
});

describe('agent nodes API over the process runtime', () => {
  let test: AgentTestApp;
  const http = () => request(test.app.getHttpServer());
  const post = (nodeId: string, incarnation: unknown, on: AgentTestApp = test) =>
    request(on.app.getHttpServer())
      .post('/agent/v1/nodes')
      .set(agentAuth)
      .send(createBody(nodeId, incarnation));
  const view = async (nodeId: string): Promise<AgentNodeView> =>
    (await http().get(`/agent/v1/nodes/${nodeId}`).set(agentAuth).expect(200)).body as AgentNodeView;

  beforeAll(async () => {
    test = await createAgentTestApp();
  }, 30_000);

  afterAll(async () => {
    await test?.close();
  }, 30_000);

  it('answers a repeated create of the same incarnation with the same node and port, left running', async () => {
    const first = (await post('n1', 1).expect(201)).body as AgentNodeView;
    expect(first).toMatchObject({ nodeId: 'n1', incarnation: 1, state: 'running' });
    await waitForHealth(first.port);
    const again = (await post('n1', 1).expect(201)).body as AgentNodeView;
    expect(again).toMatchObject({ nodeId: 'n1', incarnation: 1, state: 'running', port: first.port });
    const listed = (await http().get('/agent/v1/nodes').set(agentAuth).expect(200)).body as AgentNodeView[];
    expect(listed.filter((node) => node.nodeId === 'n1')).toHaveLength(1);
    expect(await healthStatus(first.port)).toBe(200);
  });

  it('boots a node with the boot CPUs and answers the create once it is ready and under its own cap', async () => {
    const created = (await post('boosted', 1).expect(201)).body as AgentNodeView;
    expect(await healthStatus(created.port, '/ready')).toBe(200);
    const { stats, limits } = await view('boosted');
    if (limits.enforced) expect(stats?.cpuQuotaCpus).toBe(0.3);
    await http().delete('/agent/v1/nodes/boosted').set(agentAuth).expect(204);
  });

  it('ends, when it starts, a boost that an agent which died while the node booted left behind', async () => {
    const port = test.config.portRange.last - 5;
    await test.runtime.create({ ...createBody('left-boosted', 1), port, bootCpus: 1 });
    await test.runtime.start('left-boosted');
    await waitForHealth(port);
    const limits = (await view('left-boosted')).limits;
    if (limits.enforced) expect((await view('left-boosted')).stats?.cpuQuotaCpus).toBe(1);
    test.app.get(AgentNodesService).onApplicationBootstrap();
    const capped = limits.enforced ? 0.3 : null;
    for (let i = 0; i < 100 && (await view('left-boosted')).stats?.cpuQuotaCpus !== capped; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await view('left-boosted')).stats?.cpuQuotaCpus).toBe(capped);
    await http().delete('/agent/v1/nodes/left-boosted').set(agentAuth).expect(204);
  });

  it('says in each node view and in its info whether this host enforces the caps', async () => {
    const info = (await http().get('/agent/v1/info').set(agentAuth).expect(200)).body as AgentInfo;
    expect(info.limits).toEqual(
      info.limits.enforced
        ? { enforced: true, reason: null }
        : { enforced: false, reason: expect.any(String) },
    );
    expect((await view('n1')).limits).toEqual(info.limits);
  });

  it('says in its info which script interpreters its nodes have, node among them', async () => {
    const info = (await http().get('/agent/v1/info').set(agentAuth).expect(200)).body as AgentInfo;
    expect(info.interpreters).toContain('node');
    expect(info.interpreters).toEqual(await test.runtime.interpreters());
  });

  it('still answers its info when the runtime cannot tell the interpreters, saying null', async () => {
    jest.spyOn(test.runtime, 'interpreters').mockRejectedValueOnce(new Error('image strato-node is missing'));
    const info = (await http().get('/agent/v1/info').set(agentAuth).expect(200)).body as AgentInfo;
    expect(info.interpreters).toBeNull();
  });

  it('refuses another incarnation of a running node with 409 naming the one there, and leaves it running', async () => {
    const { port } = await view('n1');
    const reply = await post('n1', 2).expect(409);
    expect(reply.body.message).toBe(
      'node n1 already exists on this host as incarnation 1 (running); remove it first',
    );
    expect(await healthStatus(port)).toBe(200);
    expect(await view('n1')).toMatchObject({ incarnation: 1, state: 'running', port });
  });

  it('refuses a DELETE naming a stale incarnation with 409; the node keeps running until its own is named', async () => {
    const { port } = await view('n1');
    const reply = await http().delete('/agent/v1/nodes/n1?incarnation=2').set(agentAuth).expect(409);
    expect(reply.body.message).toMatch(/node n1 on this host is incarnation 1 \(running\), not 2/);
    expect(await healthStatus(port)).toBe(200);
    await http().delete('/agent/v1/nodes/n1?incarnation=1').set(agentAuth).expect(204);
    await http().get('/agent/v1/nodes/n1').set(agentAuth).expect(404);
  });

  it('answers a DELETE of an unknown node with 404, with or without an incarnation', async () => {
    await http().delete('/agent/v1/nodes/ghost').set(agentAuth).expect(404);
    await http().delete('/agent/v1/nodes/ghost?incarnation=1').set(agentAuth).expect(404);
    await http().delete('/agent/v1/nodes/ghost?incarnation=one').set(agentAuth).expect(400);
  });

  it('rejects a create whose incarnation is not an integer of at least 1', async () => {
    for (const incarnation of [undefined, 0, -1, 1.5, '1']) await post('bad', incarnation).expect(400);
    await http().get('/agent/v1/nodes/bad').set(agentAuth).expect(404);
  });

  it('starts a node of the same incarnation that was only created, on the port it has', async () => {
    const created = await test.runtime.create({ ...createBody('half', 3), port: test.config.portRange.last });
    const reply = (await post('half', 3).expect(201)).body as AgentNodeView;
    expect(reply).toMatchObject({ incarnation: 3, state: 'running', port: created.port });
    await waitForHealth(created.port);
  });

  it('answers an exited node of the same incarnation as it is, without starting it again', async () => {
    const { port } = (await http().post('/agent/v1/nodes/half/stop').set(agentAuth).expect(200))
      .body as AgentNodeView;
    expect((await post('half', 3).expect(201)).body).toMatchObject({ incarnation: 3, state: 'exited', port });
    expect(await healthStatus(port)).toBe(0);
    await http().delete('/agent/v1/nodes/half').set(agentAuth).expect(204);
  });

  it('makes one node of concurrent creates of the same incarnation and answers both with it', async () => {
    const replies = await Promise.all([post('twin', 1), post('twin', 1)]);
    expect(replies.map((reply) => reply.status)).toEqual([201, 201]);
    expect(replies[1].body.port).toBe(replies[0].body.port);
    expect((await test.runtime.list()).filter((node) => node.nodeId === 'twin')).toHaveLength(1);
    await waitForHealth(replies[0].body.port);
  });

  it('leaves a node made by someone else between its check and its create, answering 409', async () => {
    const port = test.config.portRange.last - 1;
    await test.runtime.create({ ...createBody('raced', 1), port });
    await test.runtime.start('raced');
    await waitForHealth(port);
    jest.spyOn(test.runtime, 'inspect').mockResolvedValueOnce(undefined);
    const reply = await post('raced', 1).expect(409);
    expect(reply.body.message).toMatch(/node raced already exists on this host as incarnation 1/);
    expect(await healthStatus(port)).toBe(200);
  });

  describe('where no cgroup can be written', () => {
    let uncapped: AgentTestApp;
    const notACgroup = mkdtempSync(join(tmpdir(), 'strato-not-a-cgroup-'));

    beforeAll(async () => {
      uncapped = await createAgentTestApp({ STRATO_CGROUP_ROOT: notACgroup });
    }, 30_000);

    afterAll(async () => {
      await uncapped?.close();
      rmSync(notACgroup, { recursive: true, force: true });
    });

    it('still runs nodes, and says in the node view and in its info that the caps are not enforced, and why', async () => {
      const limits = { enforced: false, reason: `${notACgroup} is not a cgroup v2 group` };
      const node = (await post('free', 1, uncapped).expect(201)).body as AgentNodeView;
      expect(node).toMatchObject({ state: 'running', limits });
      await waitForHealth(node.port);
      const listed = (await request(uncapped.app.getHttpServer()).get('/agent/v1/nodes').set(agentAuth))
        .body as AgentNodeView[];
      expect(listed).toEqual([expect.objectContaining({ nodeId: 'free', limits })]);
      const info = await request(uncapped.app.getHttpServer()).get('/agent/v1/info').set(agentAuth);
      expect((info.body as AgentInfo).limits).toEqual(limits);
    });
  });

  describe('when the start fails', () => {
    let broken: AgentTestApp;

    beforeAll(async () => {
      broken = await createAgentTestApp({
        STRATO_CLOUD: test.config.cloud,
        STRATO_AGENT_STATE_DIR: test.config.stateDir,
        STRATO_JOB_SERVER: join(test.config.stateDir, 'missing-job-server.js'),
      });
    }, 30_000);

    afterAll(async () => {
      await broken?.close();
    });

    it('removes the node it created itself', async () => {
      await post('doomed', 1, broken).expect(503);
      expect(await test.runtime.inspect('doomed')).toBeUndefined();
    });

    it('leaves a node it did not create, even of the same incarnation', async () => {
      await test.runtime.create({ ...createBody('kept', 1), port: test.config.portRange.last - 2 });
      await post('kept', 1, broken).expect(503);
      expect(await test.runtime.inspect('kept')).toMatchObject({ incarnation: 1, state: 'created' });
    });
  });
});
