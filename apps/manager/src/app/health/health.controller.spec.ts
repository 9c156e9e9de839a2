import request from 'supertest';
import { createCloudTestApp, ownerAuth, type TestApp } from '../../testing/test-app';

// Elasticity off: its tick reads the load balancer too, and these tests count those reads.
const QUIET = { STRATO_ELASTICITY_TICK_MS: '0' };

describe('GET /api/health', () => {
  describe('with the cloud up', () => {
    let test: TestApp;
    const http = () => request(test.app.getHttpServer());

    beforeAll(async () => {
      test = await createCloudTestApp(QUIET);
    });
    afterAll(() => test.close());

    it('answers 20 public calls from one round of agent and load-balancer checks, naming nothing', async () => {
      const agentCalls = jest.spyOn(test.agent, 'info');
      const lbCalls = jest.spyOn(test.lb, 'podStatus');
      for (let i = 0; i < 20; i++) {
        const response = await http().get('/api/health').expect(200);
        expect(response.body).toEqual({ status: 'up' });
        expect(JSON.stringify(response.body)).not.toContain('local');
      }
      // Exactly one: the first call found no view yet, and the spies do see the round it made.
      expect(agentCalls).toHaveBeenCalledTimes(1);
      expect(lbCalls).toHaveBeenCalledTimes(1);
      agentCalls.mockRestore();
      lbCalls.mockRestore();
    });

    it('answers the public shape to a wrong token', async () => {
      const response = await http()
        .get('/api/health')
        .set({ authorization: 'Bearer wrong-token-0123456789' })
        .expect(200);
      expect(response.body).toEqual({ status: 'up' });
    });

    it('answers the owner the details of every dependency', async () => {
      const response = await http().get('/api/health').set(ownerAuth).expect(200);
      expect(response.body).toMatchObject({
        status: 'ok',
        details: {
          store: { status: 'up' },
          agents: { status: 'up', agents: [{ id: 'local', status: 'up' }], answering: 1 },
          loadBalancer: { status: 'up', kind: 'embedded' },
        },
      });
    });
  });

  describe('with the load balancer down', () => {
    let test: TestApp;
    const http = () => request(test.app.getHttpServer());

    beforeAll(async () => {
      test = await createCloudTestApp(QUIET);
      jest.spyOn(test.lb, 'podStatus').mockRejectedValue(new Error('runtime socket refused'));
    });
    afterAll(() => test.close());

    it('answers the public 503 degraded, without the reason', async () => {
      const response = await http().get('/api/health').expect(503);
      expect(response.body).toEqual({ status: 'degraded' });
    });

    it('answers the owner 503 with the failing dependency and its message', async () => {
      const response = await http().get('/api/health').set(ownerAuth).expect(503);
      expect(response.body).toMatchObject({
        status: 'error',
        error: { loadBalancer: { status: 'down', message: 'runtime socket refused' } },
        details: { store: { status: 'up' }, agents: { status: 'up' } },
      });
    });
  });
});
