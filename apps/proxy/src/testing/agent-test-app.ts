import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AGENT_TOKEN_HEADER } from '@strato/contracts';
import type { NodeRuntime } from '@strato/runtime';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AgentModule } from '../app/agent.module';
import { type AgentConfig, loadAgentConfig } from '../app/config/agent-config';
import { configureAgentApp } from '../app/configure-agent-app';
import { NODE_RUNTIME } from '../app/nodes/node-runtime.provider';

export const JOB_BUNDLE = resolve(__dirname, '../../../..', 'dist/apps/job/main.js');
export const agentAuth = { [AGENT_TOKEN_HEADER]: 'agent-token-for-tests-123' };

export interface AgentTestApp {
  app: INestApplication;
  config: AgentConfig;
  runtime: NodeRuntime;
  close(): Promise<void>;
}

/**
 * The agent in-process, as main.ts configures it, over the real process runtime: a fresh cloud, state dir and
 * port range unless env names them. close() removes the nodes and state dir only when it made the dir.
 */
export async function createAgentTestApp(env: Record<string, string> = {}): Promise<AgentTestApp> {
  if (!existsSync(JOB_BUNDLE)) throw new Error(`${JOB_BUNDLE} is missing: run npx nx build job`);
  const ownStateDir = env['STRATO_AGENT_STATE_DIR'] === undefined;
  const stateDir = env['STRATO_AGENT_STATE_DIR'] ?? mkdtempSync(join(tmpdir(), 'strato-agent-spec-'));
  const firstPort = randomInt(40_000, 60_000);
  const config = loadAgentConfig({
    STRATO_AGENT_TOKEN: agentAuth[AGENT_TOKEN_HEADER],
    STRATO_RUNTIME: 'process',
    STRATO_CLOUD: `pa${Date.now().toString(36)}${randomBytes(3).toString('hex')}`,
    STRATO_JOB_SERVER: JOB_BUNDLE,
    STRATO_NODE_PORTS: `${firstPort}-${firstPort + 99}`,
    ...env,
    STRATO_AGENT_STATE_DIR: stateDir,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AgentModule.register(config)] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureAgentApp(app);
  await app.init();
  const runtime = app.get<NodeRuntime>(NODE_RUNTIME);
  return {
    app,
    config,
    runtime,
    async close() {
      if (ownStateDir) {
        await Promise.allSettled((await runtime.list()).map((node) => runtime.remove(node.nodeId)));
      }
      await app.close();
      if (ownStateDir) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Polls the node's own /health until it answers 200. */
export async function waitForHealth(port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await healthStatus(port)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`port ${port}: /health not 200 within ${timeoutMs} ms`);
}

/** The status of GET /health (or another path) on the node's port, or 0 when nothing answers. */
export async function healthStatus(port: number, path = '/health'): Promise<number> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(1_000) });
    return response.status;
  } catch {
    return 0;
  }
}
