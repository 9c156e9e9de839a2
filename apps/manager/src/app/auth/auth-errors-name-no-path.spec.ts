import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGENT_TOKEN_FOR_TESTS, createTestApp, type TestApp } from '../../testing/test-app';

describe('errors answered without the owner token', () => {
  // A generated token (no STRATO_OWNER_TOKEN), so the manager knows a token file under its data dir.
  const dataDir = mkdtempSync(join(tmpdir(), 'strato-auth-'));
  let test: TestApp;
  const http = () => request(test.app.getHttpServer());

  beforeAll(async () => {
    test = await createTestApp({ STRATO_OWNER_TOKEN: '', STRATO_DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await test.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['without a token', {}, 401],
    ['with a wrong token', { authorization: 'Bearer wrong-token-0123456789' }, 401],
    ['with the agent token', { authorization: `Bearer ${AGENT_TOKEN_FOR_TESTS}` }, 403],
  ])('name no filesystem path %s', async (_, headers: Record<string, string>, status) => {
    const response = await http().get('/api/v1/pods').set(headers).expect(status);
    const body = JSON.stringify(response.body);
    expect(body).not.toContain(dataDir);
    expect(body).not.toContain(tmpdir());
    expect(body).not.toContain('owner-token');
    expect(response.body.message).not.toMatch(/\//);
    expect(response.body.message).toContain('cloud login');
  });
});
