import { NodeAlreadyExistsError } from '../lib/errors/node-already-exists.error';
import { NodeNotFoundError } from '../lib/errors/node-not-found.error';
import type { RuntimeNode } from '../lib/node-runtime';
import type { NodeRuntime, NodeSpec } from '../lib/node-runtime';
import { eventually, freePort, isPortOpen, waitForHealth } from './net-probes';
import { uniqueCloud } from './workspace';

export interface ContractSubject {
  /** A fresh adapter object for the cloud, sharing whatever state the adapter keeps (same state dir, same engine). */
  runtimeFor(cloud: string): NodeRuntime;
  /** Removes every node the run left for these clouds, even after a failed test. */
  cleanup(clouds: string[]): Promise<void>;
  /** SIGKILLs the node behind the runtime's back, as `docker kill` or `kill -9` would. */
  killNode(cloud: string, nodeId: string): Promise<void>;
}

export type Describe = (name: string, fn: () => void) => void;

/** The behaviour every NodeRuntime adapter shares, checked against the real runtime underneath. */
export function describeNodeRuntimeContract(
  name: string,
  setup: () => Promise<ContractSubject>,
  describeFn: Describe = describe,
): void {
  describeFn(`${name} NodeRuntime contract`, () => {
    const cloud = uniqueCloud('ct');
    const otherCloud = `${cloud}-other`;
    let subject: ContractSubject | undefined;
    let runtime: NodeRuntime;
    let spec: NodeSpec;
    let createMs = 0;
    const ready = (): ContractSubject => {
      if (subject === undefined) throw new Error(`${name}: setup did not complete`);
      return subject;
    };

    beforeAll(async () => {
      subject = await setup();
      runtime = subject.runtimeFor(cloud);
      spec = {
        nodeId: 'n1',
        incarnation: 3,
        pod: 'light',
        port: await freePort(),
        cpus: 0.5,
        memoryMiB: 128,
      };
    }, 120_000);

    afterAll(async () => {
      await subject?.cleanup([cloud, otherCloud]);
    }, 60_000);

    it('creates a node without starting it', async () => {
      const started = Date.now();
      const created = await runtime.create(spec);
      createMs = Date.now() - started;
      expect(created).toMatchObject({
        ...pick(spec),
        host: '127.0.0.1',
        state: 'created',
        runtime: runtime.kind,
      });
      expect(await runtime.inspect(spec.nodeId)).toMatchObject({ ...pick(spec), state: 'created' });
      expect(await isPortOpen(spec.port)).toBe(false);
    });

    it('says whether the host enforces the caps, and why not, for the host and for each node', async () => {
      const host = await runtime.hostLimits();
      const shape = host.enforced
        ? { enforced: true, reason: null }
        : { enforced: false, reason: expect.any(String) };
      expect(host).toEqual(shape);
      expect((await runtime.inspect(spec.nodeId))?.limits).toEqual(host);
      console.log(`${name}: caps ${host.enforced ? 'enforced' : `NOT enforced (${host.reason})`}`);
    });

    it('says what its nodes can be given in all: cores, memory and the hosts they are on', async () => {
      const capacity = await runtime.capacity();
      expect(capacity.hosts).toBeGreaterThanOrEqual(1);
      expect(capacity.cores).toBeGreaterThan(0);
      expect(capacity.memoryBytes).toBeGreaterThan(2 ** 26);
    });

    it('refuses an incarnation that is not a positive integer, creating nothing', async () => {
      for (const incarnation of [0, -1, 1.5, Number.NaN]) {
        await expect(runtime.create({ ...spec, nodeId: 'n-bad', incarnation })).rejects.toThrow(
          /incarnation must be a positive integer/,
        );
      }
      expect(await runtime.inspect('n-bad')).toBeUndefined();
    });

    it('refuses a second node with the same id', async () => {
      await expect(runtime.create(spec)).rejects.toBeInstanceOf(NodeAlreadyExistsError);
      await expect(runtime.create(spec)).rejects.toMatchObject({ code: 'NODE_EXISTS' });
    });

    it('starts the node, whose job server answers /health with its node id', async () => {
      const started = Date.now();
      expect(await runtime.start(spec.nodeId)).toMatchObject({ nodeId: spec.nodeId, state: 'running' });
      const startMs = Date.now() - started;
      const health = await waitForHealth(spec.port);
      console.log(
        `${name}: create ${createMs} ms + start ${startMs} ms + first /health 200 after ${health.elapsedMs} ms`,
      );
      expect(JSON.parse(health.body)).toMatchObject({ node: spec.nodeId, pod: spec.pod });
    });

    it('lists the node, and a new adapter object finds it again', async () => {
      expect(await runtime.list()).toEqual([expect.objectContaining({ ...pick(spec), state: 'running' })]);
      const fresh = ready().runtimeFor(cloud);
      expect(await fresh.inspect(spec.nodeId)).toMatchObject({ ...pick(spec), state: 'running' });
      expect(await fresh.list()).toEqual([expect.objectContaining({ nodeId: spec.nodeId, pod: spec.pod })]);
    });

    it('reports the incarnation a node was created with in create, inspect and list, to a fresh adapter too', async () => {
      const later = { ...spec, nodeId: 'n-later', incarnation: 7, port: await freePort() };
      expect((await runtime.create(later)).incarnation).toBe(7);
      const fresh = ready().runtimeFor(cloud);
      for (const adapter of [runtime, fresh]) {
        expect((await adapter.inspect('n-later'))?.incarnation).toBe(7);
        const listed = await adapter.list();
        expect(incarnations(listed)).toEqual({ [spec.nodeId]: spec.incarnation, 'n-later': 7 });
      }
      await runtime.remove('n-later');
    });

    it('listens on the address it was created with, and reports it, to a fresh adapter too', async () => {
      // Another loopback address stands for a host's own address on a multi-host cloud's network.
      const elsewhere = { ...spec, nodeId: 'n-address', host: '127.0.0.2', port: await freePort() };
      expect((await runtime.create(elsewhere)).host).toBe('127.0.0.2');
      expect(await runtime.start(elsewhere.nodeId)).toMatchObject({ host: '127.0.0.2', state: 'running' });
      await waitForHealth(elsewhere.port, 15_000, '127.0.0.2');
      expect(await isPortOpen(elsewhere.port, '127.0.0.1')).toBe(false);
      expect((await ready().runtimeFor(cloud).inspect(elsewhere.nodeId))?.host).toBe('127.0.0.2');
      expect((await runtime.list()).find((node) => node.nodeId === elsewhere.nodeId)?.host).toBe('127.0.0.2');
      await runtime.remove(elsewhere.nodeId);
    });

    it("lists only its own cloud's nodes", async () => {
      const other = ready().runtimeFor(otherCloud);
      await other.create({ ...spec, nodeId: 'n-other', port: await freePort() });
      expect((await runtime.list()).map((node) => node.nodeId)).toEqual([spec.nodeId]);
      expect((await other.list()).map((node) => node.nodeId)).toEqual(['n-other']);
      expect(await other.inspect(spec.nodeId)).toBeUndefined();
      await other.remove('n-other');
    });

    it("returns the job server's start line in the logs", async () => {
      const startLine = `job server ${spec.nodeId} (${spec.pod}) on 127.0.0.1:${spec.port}`;
      expect(await eventually(async () => (await runtime.logs(spec.nodeId)).includes(startLine))).toBe(true);
      expect((await runtime.logs(spec.nodeId, 1)).trim().split('\n')).toHaveLength(1);
    });

    it('stops the node: state exited, port closed', async () => {
      await runtime.stop(spec.nodeId, 3_000);
      expect(await runtime.inspect(spec.nodeId)).toMatchObject({ state: 'exited' });
      expect(await isPortOpen(spec.port)).toBe(false);
      await runtime.stop(spec.nodeId);
    });

    it('restarts a stopped node', async () => {
      expect(await runtime.start(spec.nodeId)).toMatchObject({ state: 'running' });
      await waitForHealth(spec.port);
    });

    it('removes a running node, stopping it first', async () => {
      await runtime.remove(spec.nodeId);
      expect(await runtime.inspect(spec.nodeId)).toBeUndefined();
      expect(await runtime.list()).toEqual([]);
      expect(await isPortOpen(spec.port)).toBe(false);
    });

    it('rejects unknown ids with NodeNotFoundError naming the node', async () => {
      await expect(runtime.remove('ghost')).rejects.toBeInstanceOf(NodeNotFoundError);
      await expect(runtime.remove('ghost')).rejects.toMatchObject({
        code: 'NODE_NOT_FOUND',
        message: expect.stringContaining('ghost'),
      });
      await expect(runtime.start('ghost')).rejects.toBeInstanceOf(NodeNotFoundError);
      await expect(runtime.stop('ghost')).rejects.toBeInstanceOf(NodeNotFoundError);
      await expect(runtime.logs('ghost')).rejects.toBeInstanceOf(NodeNotFoundError);
      expect(await runtime.inspect('ghost')).toBeUndefined();
    });
  });
}

function pick(spec: NodeSpec): Pick<NodeSpec, 'nodeId' | 'incarnation' | 'pod' | 'port'> {
  return { nodeId: spec.nodeId, incarnation: spec.incarnation, pod: spec.pod, port: spec.port };
}

function incarnations(nodes: RuntimeNode[]): Record<string, number | null> {
  return Object.fromEntries(nodes.map((node) => [node.nodeId, node.incarnation]));
}
