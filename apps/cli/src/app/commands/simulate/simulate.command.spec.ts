import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../program';
import { captureOutput } from '../../../testing/captured-output';

describe('cloud simulate and cloud request, against a stand-in load balancer', () => {
  let balancer: Server;
  let lbUrl: string;
  let received: string[];
  let dir: string;

  // The manager answers the pods and where the balancer is; the balancer is a real HTTP server here.
  const manager = jest.fn(async (input: Request | string) => {
    const url = new URL(typeof input === 'string' ? input : input.url);
    const body =
      url.pathname === '/api/v1/pods'
        ? [{ name: 'light' }, { name: 'heavy' }]
        : { kind: 'embedded', url: lbUrl, pods: [] };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  const cli = async (...args: string[]) => {
    const output = captureOutput();
    const code = await runCli(['--token', 't', ...args], output, manager as unknown as typeof fetch);
    return { code, stdout: output.stdout.join('\n'), stderr: output.stderr.join('\n') };
  };

  beforeAll(async () => {
    balancer = createServer((req, res) => {
      received.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ node: 'n1' }));
    });
    await new Promise<void>((resolve) => balancer.listen(0, '127.0.0.1', resolve));
    lbUrl = `http://127.0.0.1:${(balancer.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'strato-simulate-'));
  });
  beforeEach(() => (received = []));
  afterAll(async () => {
    await new Promise((resolve) => balancer.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a seeded Poisson mix to the pods, prints the summary with its load model, saves the run', async () => {
    const out = join(dir, 'run.json');
    const mix = ['--pod', 'light=3', '--pod', 'heavy=1', '--rate', '100', '--duration', '1', '--seed', '5'];
    const run = await cli('simulate', ...mix, '--out', out);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('load model  open loop');
    expect(run.stdout).toMatch(/per pod {5}light [\d.]+\/s ok, heavy [\d.]+\/s ok/);
    expect(run.stderr).toContain('simulating end users: poisson 100/s for 1 s (seed 5)');
    const saved = JSON.parse(readFileSync(out, 'utf8')) as { result: { sent: number; ok: number } };
    expect(saved.result.ok).toBe(received.length);
    expect(received.filter((path) => path === '/light').length).toBeGreaterThan(
      received.filter((path) => path === '/heavy').length,
    );
    // The same seed sends the same number of requests: the schedule is the seed's.
    const again = await cli('simulate', ...mix, '--json');
    // The saved run reads back as the same summary (the per-second progress lines are not part of it).
    expect(await cli('report', out)).toMatchObject({ code: 0, stdout: run.stdout });
    expect((JSON.parse(again.stdout) as { sent: number }).sent).toBe(saved.result.sent);
  });

  it('replays a trace of timestamps at its own times', async () => {
    const trace = join(dir, 'trace.csv');
    writeFileSync(trace, 't\n0\n0.1\n0.2\n0.5\n');
    const run = await cli('simulate', '--trace', trace, '--json', '--no-progress');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ sent: 4, ok: 4, dropped: 0 });
    expect(received).toEqual(['/light', '/light', '/light', '/light']);
  });

  it.each([
    [
      ['--pod', 'nosuchpod', '--rate', '5', '--duration', '1'],
      'unknown pod "nosuchpod"; known pods: light, heavy',
    ],
    [['--rate', '0', '--duration', '1'], '--rate must be above 0'],
    [['--rate', '-3', '--duration', '1'], '--rate must be above 0'],
    [['--rate', '5', '--duration', '4000'], 'at most 3600 s'],
    [['--phase', 'ramp:1:2'], 'is not of the form ramp:FROM:TO:SECONDS'],
    [['--phase', 'zigzag:1:2'], 'unknown phase'],
    [['--phase', 'constant:0:5'], 'never rises above 0'],
    [['--trace', '/nonexistent/trace.csv'], 'cannot read the trace /nonexistent/trace.csv: ENOENT'],
    [['--rate', '5'], 'say how much load'],
  ])('refuses %j with exit code 2, a clear message, and sends nothing', async (args, message) => {
    const run = await cli('simulate', ...args);
    expect(run).toMatchObject({ code: 2, stderr: expect.stringContaining(message) });
    expect(received).toEqual([]);
  });

  it.each([
    ['/nonexistent/run.json', 'cannot read the run /nonexistent/run.json: ENOENT'],
    ['not-json', 'cannot read the run'],
    ['other-json', 'is not a run saved by cloud simulate --out'],
  ])('cloud report refuses %s with exit code 2', async (name, message) => {
    const file = name.startsWith('/') ? name : join(dir, name);
    if (name === 'not-json') writeFileSync(file, 'hello');
    if (name === 'other-json') writeFileSync(file, '{"kind":"pods"}');
    expect(await cli('report', file)).toMatchObject({ code: 2, stderr: expect.stringContaining(message) });
  });

  it('refuses an unreadable trace line by line', async () => {
    const trace = join(dir, 'bad.csv');
    writeFileSync(trace, '0\n0.5\nlater\n');
    const run = await cli('simulate', '--trace', trace);
    expect(run).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('line 3: "later" is not a number'),
    });
    expect(received).toEqual([]);
  });

  it('cloud request sends one request after another and prints each answer', async () => {
    const run = await cli('request', 'light', '-n', '3');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      expect.stringMatching(/^#1 {2}200 {2}n1 {2}[\d.]+ ms$/),
      expect.stringMatching(/^#2 /),
      expect.stringMatching(/^#3 /),
    ]);
    expect(received).toEqual(['/light', '/light', '/light']);
    expect(await cli('request', 'nosuchpod')).toMatchObject({ code: 2 });
  });
});
