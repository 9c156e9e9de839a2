import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGENT_CLIENT_FACTORY } from '../app/agents/registry/agent-client';
import { AppModule } from '../app/app.module';
import { loadManagerConfig } from '../app/config/manager-config';
import { configureApp } from '../app/configure-app';
import { LOAD_BALANCER } from '../app/lb/load-balancer';
import { FakeAgentClient } from './fake-agent-client';
import { RecordingLoadBalancer } from './recording-load-balancer';

export const OWNER_TOKEN_FOR_TESTS = 'owner-token-for-tests-123';
export const AGENT_TOKEN_FOR_TESTS = 'agent-token-for-tests-123';

export interface TestApp {
  app: NestExpressApplication;
  agent: FakeAgentClient;
  lb: RecordingLoadBalancer;
  /** The `local` agent's own credential, as its header: set once createCloudTestApp has it join. */
  agentAuth: Record<string, string>;
  close(): Promise<void>;
}

/** The manager in-process, as main.ts configures it, over a fake agent and a recording load balancer. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'strato-manager-'));
  const agent = new FakeAgentClient();
  const lb = new RecordingLoadBalancer();
  const config = loadManagerConfig({
    STRATO_AGENT_TOKEN: AGENT_TOKEN_FOR_TESTS,
    STRATO_LB: 'embedded',
    STRATO_DATA_DIR: dataDir,
    STRATO_OWNER_TOKEN: OWNER_TOKEN_FOR_TESTS,
    STRATO_NODE_HEALTH_TIMEOUT_MS: '2000',
    STRATO_RECONCILE_INTERVAL_MS: '600000',
    // The fake agent never heartbeats: tests of agent expiry set their own timeout.
    STRATO_AGENT_TIMEOUT_MS: '600000',
    // Sampled by hand (MetricsSampler.tick) where a test is about metrics.
    STRATO_METRICS_SAMPLE_MS: '0',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config)] })
    .overrideProvider(AGENT_CLIENT_FACTORY)
    .useValue((_url: string, credential: string) => agent.calledWith(credential))
    .overrideProvider(LOAD_BALANCER)
    .useValue(lb)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  configureApp(app, join(dataDir, 'no-dashboard'));
  await app.init();
  return {
    app,
    agent,
    lb,
    agentAuth: {},
    async close() {
      await app.close();
      await agent.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headers for owner routes and for an agent's join. */
export const ownerAuth = { authorization: `Bearer ${OWNER_TOKEN_FOR_TESTS}` };
export const joinAuth = { 'x-strato-agent-token': AGENT_TOKEN_FOR_TESTS };

/** A registration body for an agent with room for any test's nodes. */
export const agentRegistration = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  url: 'http://127.0.0.1:1',
  runtime: 'process',
  cores: 64,
  memoryBytes: 2 ** 36,
  ...extra,
});

/** Has an agent join with the join token; answers its credential header for its later calls. */
export async function joinAgent(
  test: Pick<TestApp, 'app'>,
  body: Record<string, unknown>,
): Promise<Record<string, string>> {
  const joined = await request(test.app.getHttpServer())
    .post('/api/v1/agents')
    .set(joinAuth)
    .send(body)
    .expect(200);
  return { 'x-strato-agent-token': joined.body.credential as string };
}

/** A test app with the fake agent registered as `local` and, unless told otherwise, the default pods. */
export async function createCloudTestApp(env: Record<string, string> = {}, init = true): Promise<TestApp> {
  const test = await createTestApp(env);
  test.agentAuth = await joinAgent(test, agentRegistration('local'));
  if (init) await request(test.app.getHttpServer()).post('/api/v1/cloud/init').set(ownerAuth).expect(200);
  return test;
}
