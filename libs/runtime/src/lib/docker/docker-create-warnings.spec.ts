import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerNodeRuntime } from './docker-node-runtime';

const NO_SWAP =
  'Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap.';

/** Just enough of the Engine API, on a unix socket, to answer what an engine without swap accounting says. */
class FakeEngine {
  readonly created: { name: string | null; body: Record<string, unknown> }[] = [];
  labels: Record<string, string> = {};
  private server: Server | undefined;

  constructor(
    readonly socketPath: string,
    private readonly createWarnings: string[] | null,
    private readonly info: Record<string, unknown>,
  ) {}

  async listen(): Promise<void> {
    this.server = createServer((req, res) => {
      void body(req).then((text) => {
        const url = new URL(req.url ?? '/', 'http://engine');
        const path = url.pathname.replace(/^\/v[\d.]+/, '');
        const reply = (status: number, json: unknown): void => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(json));
        };
        if (req.method === 'POST' && path === '/containers/create') {
          const parsed = JSON.parse(text) as { Labels: Record<string, string> };
          this.created.push({ name: url.searchParams.get('name'), body: parsed });
          this.labels = parsed.Labels;
          return reply(201, { Id: 'c0ffee', Warnings: this.createWarnings });
        }
        if (req.method === 'GET' && /^\/containers\/[^/]+\/json$/.test(path)) {
          return reply(200, { Id: 'c0ffee', Config: { Labels: this.labels }, State: { Status: 'created' } });
        }
        if (req.method === 'GET' && path === '/containers/json') {
          return reply(200, [{ Id: 'c0ffee', Labels: this.labels, State: 'created' }]);
        }
        if (req.method === 'GET' && path === '/info') return reply(200, this.info);
        reply(404, { message: `fake engine: no route ${req.method} ${path}` });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(this.socketPath, resolve));
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => resolve(text));
  });
}

describe('DockerNodeRuntime and the engine’s create warnings', () => {
  let dir: string;
  const engines: FakeEngine[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strato-fake-engine-'));
  });
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
    await rm(dir, { recursive: true, force: true });
  });

  async function engine(warnings: string[] | null, info: Record<string, unknown>): Promise<FakeEngine> {
    const fake = new FakeEngine(join(dir, `engine${engines.length}.sock`), warnings, info);
    engines.push(fake);
    await fake.listen();
    return fake;
  }
  const spec = { nodeId: 'n1', incarnation: 1, pod: 'light', port: 20001, cpus: 0.3, memoryMiB: 100 };

  it('reports a cap the engine could not apply as not enforced, with the engine’s words', async () => {
    const fake = await engine([NO_SWAP], { MemoryLimit: true, SwapLimit: false, CpuCfsQuota: true });
    const warnings: string[] = [];
    const runtime = new DockerNodeRuntime({
      cloud: 'c1',
      image: 'strato-node:latest',
      socketPath: fake.socketPath,
      logger: { warn: (message) => warnings.push(message) },
    });
    const node = await runtime.create(spec);
    expect(fake.created).toEqual([
      {
        name: 'strato-c1-n1',
        body: expect.objectContaining({ HostConfig: expect.objectContaining({ MemorySwap: 100 * 2 ** 20 }) }),
      },
    ]);
    const reason = `the docker engine did not apply every cap: ${NO_SWAP.replace(/\.$/, '')}`;
    expect(node).toMatchObject({ nodeId: 'n1', state: 'created', limits: { enforced: false, reason } });
    expect(await runtime.inspect('n1')).toMatchObject({ limits: { enforced: false, reason } });
    expect(await runtime.list()).toEqual([expect.objectContaining({ limits: { enforced: false, reason } })]);
    expect(warnings).toEqual([`docker runtime: node n1: ${reason}`]);
  });

  it('tells a fresh adapter, and the host view, what the engine’s capabilities are', async () => {
    const fake = await engine(null, { MemoryLimit: true, SwapLimit: false, CpuCfsQuota: true });
    const runtime = new DockerNodeRuntime({ cloud: 'c1', image: 'img', socketPath: fake.socketPath });
    fake.labels = { 'strato.node': 'n1', 'strato.pod': 'light', 'strato.port': '20001' };
    const reason = 'the docker engine reports no swap limit support (nodes may swap past their memory cap)';
    expect(await runtime.hostLimits()).toEqual({ enforced: false, reason });
    expect(await runtime.inspect('n1')).toMatchObject({ limits: { enforced: false, reason } });
  });

  it('reports the caps as enforced when the engine warns about nothing', async () => {
    const fake = await engine([], { MemoryLimit: true, SwapLimit: true, CpuCfsQuota: true });
    const runtime = new DockerNodeRuntime({ cloud: 'c1', image: 'img', socketPath: fake.socketPath });
    expect((await runtime.create(spec)).limits).toEqual({ enforced: true, reason: null });
    expect(await runtime.hostLimits()).toEqual({ enforced: true, reason: null });
  });
});
