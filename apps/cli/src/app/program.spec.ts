import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Output } from './output';
import { runCli } from './program';

interface Captured extends Output {
  stdout: string[];
  stderr: string[];
}

function capture(): Captured {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const pod = {
  name: 'light',
  cpus: 0.3,
  memoryMiB: 100,
  maxNodes: 20,
  state: 'running',
  algorithm: 'roundrobin',
  job: { kind: 'light', scale: 1 },
  path: '/light',
  nodeCounts: { NEW: 1, ONLINE: 2 },
  placement: { mode: 'one-host', labels: { zone: 'a' } },
  createdAt: 'now',
};

describe('cloud CLI', () => {
  const env = { url: ['--url', 'http://127.0.0.1:9'], token: ['--token', 't'] };

  it('prints pods as a table, or as JSON with --json', async () => {
    const fetchPods = jest.fn(async () => json(200, [pod]));
    const table = capture();
    expect(await runCli(['pod', 'ls', ...env.url, ...env.token], table, fetchPods)).toBe(0);
    expect(table.stdout[0]).toMatch(
      /light\s+│\s+running\s+│\s+0\.3\s+│\s+100 MiB\s+│\s+light\s+│\s+3\/20\s+│\s+2\s+│\s+one-host \(zone=a\)\s+│\s+\/light/,
    );
    const asJson = capture();
    expect(await runCli(['pod', 'ls', '--json', ...env.url, ...env.token], asJson, fetchPods)).toBe(0);
    expect(JSON.parse(asJson.stdout[0])).toEqual([pod]);
  });

  it('shows in node ls whether each node runs within its caps, and why not', async () => {
    const node = (name: string, limits: unknown) => ({
      name,
      pod: 'light',
      status: 'ONLINE',
      incarnation: 1,
      reason: null,
      agent: 'local',
      host: '127.0.0.1',
      port: 20001,
      weight: 1,
      limits,
      createdAt: 'now',
      updatedAt: 'now',
    });
    const fetchNodes = jest.fn(async () =>
      json(200, [
        node('n1', { enforced: true, reason: null }),
        node('n2', { enforced: false, reason: 'cgroup /sys/fs/cgroup/x is not writable (EACCES)' }),
        node('n3', { enforced: null, reason: null }),
      ]),
    );
    const table = capture();
    expect(await runCli(['node', 'ls', ...env.url, ...env.token], table, fetchNodes)).toBe(0);
    const lines = table.stdout[0].split('\n');
    expect(lines[1]).toMatch(/NODE\s+│.*│\s+LIMITS\s+│\s+REASON/);
    expect(lines.find((line) => line.includes('n1'))).toMatch(/│\s+enforced\s+│/);
    expect(lines.find((line) => line.includes('n2'))).toMatch(
      /│\s+not enforced \(cgroup \/sys\/fs\/cgroup\/x is not writable \(EACCES\)\)\s+│/,
    );
    expect(lines.find((line) => line.includes('n3'))).toMatch(/│\s+-\s+│\s+-\s+│$/);
  });

  it('sends the token and the node to register', async () => {
    const fetchImpl = jest.fn(async (request: Request) => {
      expect(request.method).toBe('POST');
      expect(new URL(request.url).pathname).toBe('/api/v1/nodes');
      expect(request.headers.get('authorization')).toBe('Bearer t');
      expect(await request.json()).toEqual({ name: 'n1', pod: '0' });
      return json(201, { name: 'n1', pod: 'light', status: 'NEW' });
    });
    const output = capture();
    expect(
      await runCli(
        ['register', 'n1', '0', ...env.url, ...env.token],
        output,
        fetchImpl as unknown as typeof fetch,
      ),
    ).toBe(0);
    expect(output.stdout).toEqual(['registered node n1 in pod light (NEW)']);
  });

  it("prints the manager's message and exits 1 when a request is refused", async () => {
    const output = capture();
    const refuse = async () =>
      json(404, { statusCode: 404, error: 'Not Found', message: 'unknown pod "x"; known pods: light' });
    expect(await runCli(['register', 'n1', 'x', ...env.url, ...env.token], output, refuse)).toBe(1);
    expect(output.stderr).toEqual(['error: unknown pod "x"; known pods: light']);
  });

  it('exits 3 and says what to do when the manager cannot be reached', async () => {
    const output = capture();
    const unreachable = async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    };
    expect(await runCli(['pod', 'ls', ...env.url, ...env.token], output, unreachable)).toBe(3);
    expect(output.stderr[0]).toBe(
      'error: cannot reach the manager at http://127.0.0.1:9 (ECONNREFUSED); is it running? (npm start)',
    );
  });

  it('exits 2 on wrong usage', async () => {
    const output = capture();
    expect(await runCli(['launch'], output)).toBe(2);
    expect(output.stderr.join('\n')).toContain("missing required argument 'pod'");
  });

  it('cloud --help lists every seed command, examples and the exit codes', async () => {
    const output = capture();
    expect(await runCli(['--help'], output)).toBe(0);
    const help = output.stdout.join('\n');
    expect(help).toMatch(/^Usage: cloud \[options\] \[command\]/);
    for (const command of [
      'init',
      'pod',
      'register <node> [pod]',
      'launch [options] <pod>',
      'rm <node> [pod]',
    ]) {
      expect(help).toContain(`  ${command} `);
    }
    for (const command of [
      'pause',
      'resume',
      'node',
      'status',
      'events',
      'elasticity',
      'watch',
      'login',
      'job',
      'abort',
    ]) {
      expect(help).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(help).toContain('cloud register n1 light');
    expect(help).toContain('Exit codes: 0 done, 1 refused by the manager');
    expect(output.stderr).toEqual([]);
  });

  it('cloud help register explains the arguments, the pod aliases and what comes next', async () => {
    const output = capture();
    expect(await runCli(['help', 'register'], output)).toBe(0);
    const help = output.stdout.join('\n');
    expect(help).toContain('Usage: cloud register [options] <node> [pod]');
    expect(help).toMatch(/node\s+node name, e\.g\. n1/);
    expect(help).toMatch(/pod\s+pod name or alias \(default: "light"\)/);
    expect(help).toContain('cloud register h1 2          2 is heavy');
    expect(help).toContain('Then: cloud launch POD');
  });

  it('an unknown command exits 2, suggests the closest one, and points to --help', async () => {
    const typo = capture();
    expect(await runCli(['regster', 'n1'], typo)).toBe(2);
    expect(typo.stderr).toEqual([
      "error: unknown command 'regster'\n(Did you mean register?)",
      '(add --help for usage)',
    ]);
    const unknown = capture();
    expect(await runCli(['frobnicate'], unknown)).toBe(2);
    expect(unknown.stderr.join('\n')).toBe("error: unknown command 'frobnicate'\n(add --help for usage)");
    expect(unknown.stdout).toEqual([]);
  });

  it('prints a bash completion script that knows the subcommands', async () => {
    const output = capture();
    expect(await runCli(['completion'], output)).toBe(0);
    const script = output.stdout.join('\n');
    expect(script).toContain('complete -F _cloud cloud');
    expect(script).toMatch(/"pod"\) words="register set rm ls/);
    expect(script).toMatch(/"node"\) words="logs ls/);
    expect(script).toMatch(/"watch"\) words="--for"/);
    expect(script).toMatch(/"lb"\) words="status algorithm weight watch"/);
  });

  it('cloud login checks the token against the manager, then keeps URL and token (0600) for later', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strato-login-'));
    process.env['STRATO_CONFIG_DIR'] = dir;
    try {
      const output = capture();
      expect(
        await runCli(['login', ...env.url, '--token', 'secret-token'], output, async () => json(200, [pod])),
      ).toBe(0);
      expect(output.stdout[0]).toBe(`logged in to http://127.0.0.1:9 (1 pods); settings kept in ${dir}`);
      expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({
        url: 'http://127.0.0.1:9',
      });
      expect(readFileSync(join(dir, 'owner-token'), 'utf8')).toBe('secret-token\n');
      expect(statSync(join(dir, 'owner-token')).mode & 0o777).toBe(0o600);
      const refused = capture();
      const deny = async () =>
        json(401, { statusCode: 401, error: 'Unauthorized', message: 'wrong owner token' });
      expect(await runCli(['login', ...env.url, '--token', 'bad'], refused, deny)).toBe(1);
      expect(readFileSync(join(dir, 'owner-token'), 'utf8')).toBe('secret-token\n');
    } finally {
      delete process.env['STRATO_CONFIG_DIR'];
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
