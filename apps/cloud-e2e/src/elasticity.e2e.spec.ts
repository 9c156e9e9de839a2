import { createStratoClient, type StratoClient } from '@strato/api-client';
import { formatSummary, runLoad, steps } from '@strato/loadgen';
import { cloud } from './support/cli';
import { type RunningCloud, startCloud } from './support/cloud-harness';
import { CLOUD_VARIANTS, describeEachCloud, SWARM_VARIANT } from './support/variants';

describeEachCloud(
  'elasticity on $runtime nodes behind the $lb balancer: low, high, low load',
  (options) => {
    let running: RunningCloud;
    let api: StratoClient;
    const cli = (...args: string[]) => cloud(args, running.cliEnv);
    const online = async () =>
      ((await api.GET('/api/v1/nodes', { params: { query: { pod: 'light' } } })).data ?? []).filter(
        (n) => n.status === 'ONLINE',
      ).length;
    const waitFor = async (check: () => Promise<boolean>, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      return check();
    };

    beforeAll(async () => {
      running = await startCloud(options);
      api = createStratoClient({ baseUrl: running.managerUrl, token: running.token });
      expect((await cli('init')).code).toBe(0);
      // The agent drives the runtime asked for (swarm: Swarm services, not containers of its own).
      const agents = (await api.GET('/api/v1/agents')).data ?? [];
      expect(agents.map((agent) => agent.runtime)).toEqual([options.runtime]);
    }, 120_000);

    afterAll(async () => {
      await running?.stop();
    });

    it('scales out while the load is high, back to the minimum after, and fails no request', async () => {
      expect((await cli('elasticity', 'enable', 'light', '1', '6')).code).toBe(0);
      const set = await cli(
        'elasticity',
        'set',
        'light',
        '--policy',
        'threshold',
        '--metric',
        'cpu',
        '--lower',
        '20',
        '--upper',
        '60',
        '--step',
        '1',
        '--cooldown-up',
        '2000',
        '--cooldown-down',
        '3000',
        '--window',
        '2000',
      );
      expect(set.code).toBe(0);
      expect(await waitFor(async () => (await online()) === 1, 20_000)).toBe(true);

      const counts: number[] = [];
      const sampler = setInterval(() => void online().then((n) => counts.push(n)), 500);
      const result = await runLoad({
        target: `${running.lbUrl}/light`,
        schedule: steps([
          { rate: 15, durationMs: 6_000 },
          { rate: 250, durationMs: 25_000 },
          { rate: 10, durationMs: 10_000 },
        ]),
        timeoutMs: 15_000,
      });
      const scaledInBack = await waitFor(async () => (await online()) === 1, 60_000);
      clearInterval(sampler);
      console.log(`${formatSummary(result)}\nONLINE light nodes every 0.5 s: ${counts.join(' ')}`);

      const events =
        (await api.GET('/api/v1/events', { params: { query: { pod: 'light', limit: 500 } } })).data ?? [];
      const scaling = events.filter((e) => e.type === 'ScaleOut' || e.type === 'ScaleIn');
      console.log(
        [...scaling]
          .reverse()
          .map((e) => `${e.at} ${e.type} ${e.message}`)
          .join('\n'),
      );
      expect(result.failed).toBe(0);
      expect(Object.keys(result.statusCounts)).toEqual(['200']);
      expect(Math.max(...counts)).toBeGreaterThanOrEqual(3);
      expect(scaledInBack).toBe(true);

      expect(scaling.some((e) => e.type === 'ScaleOut' && /AboveUpperThreshold/.test(e.message))).toBe(true);
      expect(scaling.some((e) => e.type === 'ScaleIn' && /BelowLowerThreshold/.test(e.message))).toBe(true);
      // Threshold decisions carry the measurement; the first one (0 -> 1, BelowMinimum) has no ready node to measure.
      for (const event of scaling.filter((e) => /Threshold/.test(e.message))) {
        expect(event.message).toMatch(/cpu: \d+ node\(s\) at \d+(\.\d+)? % of 0\.3 CPU/);
      }
    }, 240_000);

    it('keeps a warm node ready out of the balancer, which the next scale-out promotes; no request fails', async () => {
      const nodesOf = async (status: string) =>
        ((await api.GET('/api/v1/nodes', { params: { query: { pod: 'light' } } })).data ?? []).filter(
          (n) => n.status === status,
        );
      const set = await cli(
        'elasticity',
        'set',
        'light',
        '--metric',
        'queueDepth',
        '--lower',
        '0.3',
        '--upper',
        '1.5',
        '--warm',
        '1',
        '--cooldown-up',
        '1000',
        '--window',
        '1000',
      );
      expect(set.code).toBe(0);
      expect(set.stdout).toContain('+ 1 warm');
      const settled = async () => (await online()) === 1 && (await nodesOf('STANDBY')).length === 1;
      expect(await waitFor(settled, 60_000)).toBe(true);
      const [warm] = await nodesOf('STANDBY');
      const lbServers = async () =>
        ((await api.GET('/api/v1/lb')).data?.pods ?? []).flatMap((p) => p.servers.map((s) => s.node));
      expect(await lbServers()).not.toContain(warm.name);

      const load = runLoad({
        target: `${running.lbUrl}/light`,
        schedule: steps([{ rate: 250, durationMs: 6_000 }]),
        timeoutMs: 15_000,
      });
      // Seen while the load runs: once it stops, the pod scales back in, the youngest node (this one) first.
      const promoted = await waitFor(
        async () =>
          (await nodesOf('ONLINE')).some((n) => n.name === warm.name) &&
          (await lbServers()).includes(warm.name),
        6_000,
      );
      const result = await load;
      console.log(formatSummary(result));
      expect(promoted).toBe(true);
      expect(result.failed).toBe(0);
      const events =
        (await api.GET('/api/v1/events', { params: { query: { pod: 'light', limit: 200 } } })).data ?? [];
      expect(events.find((e) => e.type === 'NodeOnline' && e.node === warm.name)?.message).toMatch(
        /^warm node .* online at .* after \d+ ms$/,
      );
      // A new warm node is booted once the scale-out is over.
      expect(await waitFor(async () => (await nodesOf('STANDBY')).length === 1, 60_000)).toBe(true);
      expect((await nodesOf('STANDBY'))[0].name).not.toBe(warm.name);
      const back = await cli(
        'elasticity',
        'set',
        'light',
        '--metric',
        'cpu',
        '--lower',
        '20',
        '--upper',
        '60',
        '--warm',
        '0',
      );
      expect(back.code).toBe(0);
      expect(await waitFor(async () => (await nodesOf('STANDBY')).length === 0, 30_000)).toBe(true);
    }, 180_000);

    it('refuses manual register, rm and launch while elasticity is on, saying how to turn it off', async () => {
      const refused = await cli('register', 'manual1', 'light');
      expect(refused).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('cloud elasticity disable light'),
      });
      expect(await cli('launch', 'light')).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('elasticity is on for pod light'),
      });
      const status = JSON.parse((await cli('elasticity', 'status', 'light', '--json')).stdout);
      expect(status).toMatchObject({
        pod: 'light',
        enabled: true,
        policy: { kind: 'threshold', metric: 'cpu', minNodes: 1, maxNodes: 6 },
      });
      expect(status.status.conditions.map((c: { type: string }) => c.type)).toEqual(
        expect.arrayContaining(['AbleToScale', 'ScalingActive']),
      );
      expect((await cli('elasticity', 'disable', 'light')).code).toBe(0);
      expect((await cli('register', 'manual1', 'light')).code).toBe(0);
    });
  },
  [],
  // On a single-node swarm too: Strato's elasticity drives Swarm, which has no autoscaler of its own.
  [...CLOUD_VARIANTS, SWARM_VARIANT],
);
