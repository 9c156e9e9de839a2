import { createStratoClient, type StratoClient, unwrap } from '@strato/api-client';
import { findChromium } from '@strato/test-infrastructure';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { cloud } from './support/cli';
import { type RunningCloud, startCloud } from './support/cloud-harness';
import { describeEachCloud } from './support/variants';

interface NodeShare {
  node: string;
  requests: number;
  share: number;
  cpuPercentOfCap: number | null;
}
interface SavedLbReport {
  kind: string;
  pods: {
    pod: string;
    nodes: string[];
    capacity: { sent: number; okPerSecond: number; balancerCounted: number; nodes: NodeShare[] };
    runs: {
      algorithm: string;
      loadFraction: number;
      result: { sent: number; ok: number; dropped: number };
      balancerCounted: number;
      nodes: NodeShare[];
    }[];
  }[];
}

/**
 * `cloud experiment lb` on real nodes behind the real balancer of each variant: its report's request
 * counts are the balancer's own per-node counters, and its HTML file opens in Chromium, offline, with
 * every chart drawn and no console error.
 */
describeEachCloud(
  'cloud experiment lb and elasticity on $runtime + $lb: counts agree with the balancer, reports open in Chromium',
  (variant) => {
    let running: RunningCloud;
    let api: StratoClient;
    const dir = mkdtempSync(join(tmpdir(), 'strato-experiment-'));
    const cli = (...args: string[]) => cloud(args, running.cliEnv);
    /** The balancer's cumulative count of requests per node of pod light. */
    const counters = async (): Promise<Record<string, number>> => {
      const lb = await unwrap(api.GET('/api/v1/lb'));
      const servers = lb.pods.find((p) => p.pod === 'light')?.servers ?? [];
      return Object.fromEntries(servers.map((s) => [s.node, s.totalRequests]));
    };

    beforeAll(async () => {
      running = await startCloud(variant);
      api = createStratoClient({ baseUrl: running.managerUrl, token: running.token });
      await unwrap(api.POST('/api/v1/cloud/init'));
      for (const name of ['n1', 'n2']) {
        await unwrap(api.POST('/api/v1/nodes', { body: { name, pod: 'light' } }));
        await unwrap(api.POST('/api/v1/pods/{pod}/launch', { params: { path: { pod: 'light' } } }));
      }
    }, 180_000);

    afterAll(async () => {
      await running?.stop();
    });

    it('measures capacity, then two algorithms at two loads; every count is the balancer’s own', async () => {
      const before = await counters();
      const run = await cli(
        'experiment',
        'lb',
        '--pod',
        'light',
        '--algorithms',
        'roundrobin,leastconn',
        '--loads',
        '0.2,0.5',
        '--duration',
        '2',
        '--capacity-duration',
        '2',
        '--no-progress',
        '--out-dir',
        dir,
      );
      expect({ code: run.code, stderr: run.stderr }).toMatchObject({
        code: 0,
        stderr: expect.stringContaining('light: capacity'),
      });
      expect(run.stdout).toMatch(/roundrobin[\s\S]*leastconn/);
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as SavedLbReport;
      const [pod] = report.pods;
      expect(report.kind).toBe('experiment-lb');
      expect(pod.nodes.sort()).toEqual(['n1', 'n2']);
      expect(pod.capacity.okPerSecond).toBeGreaterThan(0);
      expect(pod.runs.map((r) => [r.algorithm, r.loadFraction])).toEqual([
        ['roundrobin', 0.2],
        ['roundrobin', 0.5],
        ['leastconn', 0.2],
        ['leastconn', 0.5],
      ]);
      // Each run: every request the generator sent, answered 2xx, counted once by the balancer.
      for (const r of pod.runs) {
        expect(r.result.sent).toBeGreaterThan(0);
        expect(r.result).toMatchObject({ dropped: 0, ok: r.result.sent });
        expect(r.balancerCounted).toBe(r.result.sent);
        expect(r.nodes.every((n) => typeof n.cpuPercentOfCap === 'number')).toBe(true);
      }
      // Round robin over two equal nodes splits requests evenly: to a request when neither node is ever
      // full, to a few percent on a starved machine, where a full node's turn goes to the other.
      for (const r of pod.runs.filter((x) => x.algorithm === 'roundrobin')) {
        const gap = Math.abs(r.nodes[0].requests - r.nodes[1].requests);
        expect(gap).toBeLessThanOrEqual(Math.max(1, Math.ceil(0.03 * r.result.sent)));
      }
      expect(pod.capacity.balancerCounted).toBe(pod.capacity.sent);
      // The report's per-node numbers add up to what the balancer counted over the whole experiment.
      const after = await counters();
      for (const node of ['n1', 'n2']) {
        const inReport = [pod.capacity, ...pod.runs]
          .map((phase) => phase.nodes.find((n) => n.node === node)?.requests ?? 0)
          .reduce((a, b) => a + b, 0);
        expect({ node, requests: inReport }).toEqual({ node, requests: after[node] - (before[node] ?? 0) });
      }
      // The pod is given back as it was.
      const light = await unwrap(api.GET('/api/v1/pods/{pod}', { params: { path: { pod: 'light' } } }));
      expect(light.algorithm).toBe('roundrobin');
    }, 120_000);

    it('writes an HTML report that opens offline in Chromium, with its charts drawn and no console error', async () => {
      const browser = await chromium.launch({ executablePath: findChromium() ?? '/usr/bin/chromium' });
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        const requested: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(message.text());
        });
        page.on('pageerror', (error) => problems.push(error.message));
        await page.route('**/*', (route) => {
          requested.push(route.request().url());
          return route.request().url().startsWith('file://') ? route.continue() : route.abort();
        });
        await page.goto(`file://${join(dir, 'report.html')}`);
        const charts = await page.$$eval('figure.chart', (figures) =>
          figures.map((figure) => ({
            kind: figure.getAttribute('data-chart-kind'),
            drawn:
              Array.from(figure.querySelectorAll('path.series')).filter(
                (p) => (p.getAttribute('d') ?? '').length > 2,
              ).length + figure.querySelectorAll('rect.bar').length,
            box: figure.querySelector('svg')?.getBoundingClientRect().height ?? 0,
          })),
        );
        expect(problems).toEqual([]);
        expect(requested.filter((url) => !url.startsWith('file://'))).toEqual([]);
        expect(new Set(charts.map((c) => c.kind))).toEqual(new Set(['time', 'percentiles', 'bars']));
        for (const chart of charts) {
          expect(chart.drawn).toBeGreaterThan(0);
          expect(chart.box).toBeGreaterThan(50);
        }
        expect(await page.textContent('body')).toContain('leastconn');
      } finally {
        await browser.close();
      }
      // cloud report renders the saved experiment the same way.
      const again = join(dir, 'again.html');
      expect((await cli('report', join(dir, 'report.json'), '--html', again)).code).toBe(0);
      expect(readFileSync(again, 'utf8')).toBe(readFileSync(join(dir, 'report.html'), 'utf8'));
    }, 60_000);

    it('runs a step against an elastic pod: it scales out, the measures say so, and the pod is given back', async () => {
      const elasticity = () =>
        unwrap(api.GET('/api/v1/pods/{pod}/elasticity', { params: { path: { pod: 'light' } } }));
      const before = await elasticity();
      const out = join(dir, 'elasticity');
      const run = await cli(
        'experiment',
        'elasticity',
        '--pod',
        'light',
        '--policies',
        'queue',
        '--scenarios',
        'step',
        '--min-nodes',
        '2',
        '--max-nodes',
        '4',
        '--base',
        '0.5',
        '--peak',
        '4',
        '--lead',
        '3',
        '--step',
        '20',
        '--tail',
        '5',
        '--capacity-duration',
        '2',
        '--no-progress',
        '--out-dir',
        out,
      );
      expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
      expect(run.stdout).toContain('scale-out reaction s');
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
        kind: string;
        capacity: { perNodePerSecond: number };
        runs: {
          policy: string;
          result: { sent: number; intended: number; overSlo: number; timeline: { overSlo: number }[] };
          samples: { atS: number; serving: number; running: number }[];
          warnings: string[];
          measures: {
            scaleOutReactionS: number | null;
            peakNodes: number;
            nodeSeconds: number;
            requestsOverSlo: number;
            requestsOverSloShare: number;
          };
        }[];
      };
      expect(report.kind).toBe('experiment-elasticity');
      expect(report.capacity.perNodePerSecond).toBeGreaterThan(0);
      const [step] = report.runs;
      expect(step.policy).toBe('queue');
      expect(step.result.sent).toBeGreaterThan(0);
      // Twice what two nodes serve, after a quarter of it (too little to scale out on): the policy adds
      // nodes, and the samples and measures show when. The samples are in the failure message.
      const lead = { samples: step.samples.filter((x) => x.atS < 6), warnings: step.warnings };
      expect(step.measures.peakNodes).toBeGreaterThan(2);
      expect({ ...lead, reacted: step.measures.scaleOutReactionS !== null }).toMatchObject({ reacted: true });
      expect(step.samples.some((x) => x.serving > 2 && x.atS > 3)).toBe(true);
      // At least the two nodes ran the whole 28 s.
      expect(step.measures.nodeSeconds).toBeGreaterThan(2 * 28 * 0.9);
      // Requests over the SLO: the generator's own count, second by second, and its share.
      const overSlo = step.result.timeline.reduce((sum, b) => sum + b.overSlo, 0);
      expect(step.measures.requestsOverSlo).toBe(overSlo);
      expect(step.measures.requestsOverSlo).toBe(step.result.overSlo);
      expect(step.measures.requestsOverSloShare).toBeCloseTo(overSlo / step.result.intended, 6);
      expect(run.stdout).toContain('requests over SLO');
      // Given back: its own policy, on or off as it was, and only its own nodes.
      const after = await elasticity();
      expect({ enabled: after.enabled, policy: after.policy }).toEqual({
        enabled: before.enabled,
        policy: before.policy,
      });
      const nodes = await unwrap(api.GET('/api/v1/nodes', { params: { query: { pod: 'light' } } }));
      expect(nodes.map((n) => [n.name, n.status]).sort()).toEqual([
        ['n1', 'ONLINE'],
        ['n2', 'ONLINE'],
      ]);
    }, 240_000);

    it('refuses bad input with exit code 2, sending nothing and changing nothing', async () => {
      const before = await counters();
      const cases: [string[], string][] = (
        [
          [['--pod', 'nosuchpod'], 'unknown pod "nosuchpod"'],
          [['--loads', '0,0.5'], '--loads'],
          [['--loads', '-1'], '--loads'],
          [['--duration', '4000'], '--duration'],
          [['--algorithms', 'fastest'], 'unknown "fastest"'],
          [['--nodes', '1'], 'more than --nodes 1'],
        ] as [string[], string][]
      ).map(([args, message]) => [['lb', ...args], message] as [string[], string]);
      cases.push(
        [['elasticity', '--pod', 'nosuchpod'], 'unknown pod "nosuchpod"'],
        [['elasticity', '--policies', 'magic'], 'unknown policy "magic"'],
        [['elasticity', '--policy', 'x:kind=threshold,speed=9'], 'unknown field "speed"'],
        [['elasticity', '--scenarios', 'wave'], '--scenarios'],
        [['elasticity', '--min-nodes', '3', '--max-nodes', '2'], '--max-nodes'],
        [['elasticity', '--min-nodes', '1'], 'has 2 ONLINE nodes'],
        [['elasticity', '--step', '4000'], '--step'],
      );
      for (const [args, message] of cases) {
        const refused = await cli('experiment', ...args, '--out-dir', join(dir, 'refused'));
        expect({ args, code: refused.code, stderr: refused.stderr }).toMatchObject({
          code: 2,
          stderr: expect.stringContaining(message),
        });
      }
      expect(await counters()).toEqual(before);
      const nodes = await unwrap(api.GET('/api/v1/nodes', { params: { query: { pod: 'light' } } }));
      expect(nodes.map((n) => n.status)).toEqual(['ONLINE', 'ONLINE']);
    }, 60_000);
  },
  ['chromium'],
);
