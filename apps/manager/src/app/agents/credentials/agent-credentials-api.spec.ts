import request from 'supertest';
import { AgentRegistry } from '../registry/agent-registry';
import {
  agentRegistration,
  createCloudTestApp,
  joinAgent,
  joinAuth,
  ownerAuth as auth,
  type TestApp,
} from '../../../testing/test-app';

describe('per-agent credentials: join, call with your own, rotate without a gap, revoke one, readmit', () => {
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());
  const GRACE_MS = 400;
  const heartbeat = (id: string, headers: Record<string, string>) =>
    http().post(`/api/v1/agents/${id}/heartbeat`).set(headers);
  const credentialOf = (headers: Record<string, string>) => headers['x-strato-agent-token'];
  const agent = async (id: string) =>
    (await http().get('/api/v1/agents').set(auth).expect(200)).body.find((a: { id: string }) => a.id === id);

  beforeAll(async () => {
    test = await createCloudTestApp({ STRATO_AGENT_CREDENTIAL_GRACE_MS: String(GRACE_MS) });
  });
  afterAll(() => test.close());

  it('issues each agent its own credential, never the join token, and calls the agent with it', async () => {
    const b = await joinAgent(test, agentRegistration('vm-b'));
    expect(credentialOf(b)).not.toEqual(credentialOf(test.agentAuth));
    expect(credentialOf(b)).not.toContain(joinAuth['x-strato-agent-token']);
    await heartbeat('vm-b', b).expect(204);
    await heartbeat('local', b).expect(403);
    await http().get('/api/v1/nodes/none/logs').set(auth);
    await http().post('/api/v1/nodes').set(auth).send({ name: 'c1', pod: 'light' }).expect(201);
    await http().post('/api/v1/pods/light/launch').set(auth).expect(201);
    expect([credentialOf(test.agentAuth), credentialOf(b)]).toContain(test.agent.credential);
  });

  it('a join with the join token retires the earlier credential; a registration with it keeps it', async () => {
    const first = await joinAgent(test, agentRegistration('vm-c'));
    const again = await http().post('/api/v1/agents').set(first).send(agentRegistration('vm-c')).expect(200);
    expect(again.body.credential).toBe(credentialOf(first));
    await http().post('/api/v1/agents').set(first).send(agentRegistration('vm-d')).expect(403);
    const second = await joinAgent(test, agentRegistration('vm-c'));
    await heartbeat('vm-c', first).expect(401);
    await heartbeat('vm-c', second).expect(204);
  });

  it('rotates: hands the agent the new credential, the old one works for the grace, then not', async () => {
    const old = await joinAgent(test, agentRegistration('vm-r'));
    test.agent.credentials.length = 0;
    const rotated = await http().post('/api/v1/agents/vm-r/credential').set(auth).expect(200);
    expect(rotated.body).toMatchObject({ id: 'vm-r', reachable: true });
    expect(JSON.stringify(rotated.body)).not.toContain(credentialOf(old).split(':')[2]);
    expect(test.agent.credentials).toHaveLength(1);
    const [change] = test.agent.credentials;
    expect(change.previousValidForMs).toBe(GRACE_MS);
    expect(change.credential).not.toBe(credentialOf(old));
    const fresh = { 'x-strato-agent-token': change.credential };
    await heartbeat('vm-r', old).expect(204);
    await heartbeat('vm-r', fresh).expect(204);
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 50));
    await heartbeat('vm-r', old).expect(401);
    await heartbeat('vm-r', fresh).expect(204);
    const events = (await http().get('/api/v1/events?type=AgentCredentialRotated').set(auth).expect(200))
      .body;
    expect(JSON.stringify(events)).not.toContain(change.credential);
  });

  it('calls the agent with the old credential until the agent has the new one', async () => {
    const old = await joinAgent(test, agentRegistration('vm-h'));
    const registry = test.app.get(AgentRegistry);
    let calledWith: string | undefined;
    test.agent.whileHandingOver = () => {
      registry.require('vm-h');
      calledWith = test.agent.credential;
    };
    try {
      await http().post('/api/v1/agents/vm-h/credential').set(auth).expect(200);
    } finally {
      test.agent.whileHandingOver = undefined;
    }
    expect(calledWith).toBe(credentialOf(old));
    registry.require('vm-h');
    expect(test.agent.credential).toBe(test.agent.credentials[test.agent.credentials.length - 1].credential);
  });

  it('changes nothing when the agent cannot take the new credential (503)', async () => {
    const current = await joinAgent(test, agentRegistration('vm-u'));
    test.agent.refuseCredentials = true;
    try {
      const refused = await http().post('/api/v1/agents/vm-u/credential').set(auth).expect(503);
      expect(refused.body.code).toBe('AGENT_UNAVAILABLE');
    } finally {
      test.agent.refuseCredentials = false;
    }
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 50));
    await heartbeat('vm-u', current).expect(204);
  });

  it('revokes one agent: its credential and a new join are refused, the others go on; readmit lets it join', async () => {
    const victim = await joinAgent(test, agentRegistration('vm-x'));
    const bystander = await joinAgent(test, agentRegistration('vm-y'));
    const revoked = await http().post('/api/v1/agents/vm-x/revoke').set(auth).expect(200);
    expect(revoked.body).toMatchObject({ id: 'vm-x', reachable: false, revokedAt: expect.any(String) });
    await heartbeat('vm-x', victim).expect(401);
    const join = await http()
      .post('/api/v1/agents')
      .set(joinAuth)
      .send(agentRegistration('vm-x'))
      .expect(403);
    expect(join.body.message).toContain('cloud agent readmit vm-x');
    await heartbeat('vm-y', bystander).expect(204);
    await http().post('/api/v1/agents/vm-x/credential').set(auth).expect(409);
    await http().post('/api/v1/agents/vm-x/revoke').set(auth).expect(200);

    const readmitted = await http().post('/api/v1/agents/vm-x/readmit').set(auth).expect(200);
    expect(readmitted.body.revokedAt).toBeUndefined();
    await heartbeat('vm-x', victim).expect(401);
    const back = await joinAgent(test, agentRegistration('vm-x'));
    await heartbeat('vm-x', back).expect(204);
    expect(await agent('vm-x')).toMatchObject({ reachable: true });
    const types = (await http().get('/api/v1/events?limit=50').set(auth).expect(200)).body.map(
      (e: { type: string }) => e.type,
    );
    expect(types).toEqual(expect.arrayContaining(['AgentRevoked', 'AgentReadmitted']));
  });

  it('answers 404 for an unknown agent', async () => {
    for (const action of ['credential', 'revoke', 'readmit']) {
      await http().post(`/api/v1/agents/ghost/${action}`).set(auth).expect(404);
    }
  });
});

describe('join token rotation: the previous join token still joins while STRATO_AGENT_TOKEN_PREVIOUS names it', () => {
  let test: TestApp;
  const previous = 'the-previous-join-token-0123';

  beforeAll(async () => {
    test = await createCloudTestApp({ STRATO_AGENT_TOKEN_PREVIOUS: previous });
  });
  afterAll(() => test.close());

  it('takes both join tokens for a join, neither for an agent route, and no other', async () => {
    const http = () => request(test.app.getHttpServer());
    const joined = await http()
      .post('/api/v1/agents')
      .set({ 'x-strato-agent-token': previous })
      .send(agentRegistration('vm-p'))
      .expect(200);
    await http()
      .post('/api/v1/agents/vm-p/heartbeat')
      .set({ 'x-strato-agent-token': joined.body.credential })
      .expect(204);
    await http().post('/api/v1/agents/vm-p/heartbeat').set({ 'x-strato-agent-token': previous }).expect(401);
    await joinAgent(test, agentRegistration('vm-q'));
    await http()
      .post('/api/v1/agents')
      .set({ 'x-strato-agent-token': 'some-other-join-token-0123' })
      .send(agentRegistration('vm-z'))
      .expect(401);
  });
});
