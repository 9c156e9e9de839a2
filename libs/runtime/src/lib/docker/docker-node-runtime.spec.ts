import { describeNeeding } from '@strato/test-infrastructure';
import Docker from 'dockerode';
import { RuntimeUnavailableError } from '../errors/runtime-unavailable.error';
import { NODE_IMAGE } from '../node-runtime';
import { describeNodeRuntimeContract, type ContractSubject } from '../../testing/node-runtime-contract';
import { describeNodeRuntimeLiveContract } from '../../testing/node-runtime-live-contract';
import { freePort } from '../../testing/net-probes';
import { ensureNodeImage, requireJobBundle, uniqueCloud } from '../../testing/workspace';
import { isDockerReachable } from './docker-client';
import { DockerNodeRuntime } from './docker-node-runtime';

const docker = new Docker();
// The image is built when missing (prepare): only the engine is needed.
const describeDocker = describeNeeding(['docker']);

async function prepare(): Promise<void> {
  if (!(await isDockerReachable())) {
    throw new Error('docker engine not reachable: start it with `dockerd --bridge=none --iptables=false &`');
  }
  requireJobBundle();
  ensureNodeImage(NODE_IMAGE);
}

async function removeClouds(clouds: string[]): Promise<void> {
  for (const cloud of clouds) {
    const containers = await docker.listContainers({
      all: true,
      filters: { label: [`strato.cloud=${cloud}`] },
    });
    await Promise.all(containers.map((info) => docker.getContainer(info.Id).remove({ force: true })));
  }
}

async function dockerSubject(): Promise<ContractSubject> {
  await prepare();
  return {
    runtimeFor: (cloud) => new DockerNodeRuntime({ cloud, image: NODE_IMAGE }),
    cleanup: removeClouds,
    killNode: async (cloud, nodeId) => {
      await docker.getContainer(`strato-${cloud}-${nodeId}`).kill({ signal: 'SIGKILL' });
    },
  };
}

describeNodeRuntimeContract('docker', dockerSubject, describeDocker);
describeNodeRuntimeLiveContract('docker', dockerSubject, describeDocker);

describeDocker('DockerNodeRuntime', () => {
  const cloud = uniqueCloud('dt');
  const runtime = new DockerNodeRuntime({ cloud, image: NODE_IMAGE });

  beforeAll(prepare, 120_000);
  afterAll(() => removeClouds([cloud]), 60_000);

  it('creates a host-networked container with CPU and memory caps and discovery labels', async () => {
    const port = await freePort();
    const node = await runtime.create({
      nodeId: 'caps',
      incarnation: 1,
      pod: 'medium',
      port,
      cpus: 0.5,
      memoryMiB: 300,
    });
    expect(node.limits).toEqual({ enforced: true, reason: null });
    expect(await runtime.hostLimits()).toEqual({ enforced: true, reason: null });
    const info = await docker.getContainer(`strato-${cloud}-caps`).inspect();
    expect(info.HostConfig).toMatchObject({
      NetworkMode: 'host',
      NanoCpus: 500_000_000,
      Memory: 300 * 2 ** 20,
      MemorySwap: 300 * 2 ** 20,
      Init: true,
    });
    expect(info.Config.Labels).toEqual({
      'strato.managed': 'true',
      'strato.cloud': cloud,
      'strato.pod': 'medium',
      'strato.node': 'caps',
      'strato.incarnation': '1',
      'strato.port': String(port),
      'strato.cpus': '0.5',
      'strato.host': '127.0.0.1',
    });
    expect(info.Config.Env).toEqual(
      expect.arrayContaining([
        `PORT=${port}`,
        'HOST=127.0.0.1',
        'NODE_ID=caps',
        'POD_NAME=medium',
        'NODE_CPUS=0.5',
      ]),
    );
  });

  it('reports a missing image as RuntimeUnavailableError pointing at the build script', async () => {
    const noImage = new DockerNodeRuntime({ cloud, image: `strato-missing-${cloud}:none` });
    const create = noImage.create({
      nodeId: 'noimage',
      incarnation: 1,
      pod: 'light',
      port: await freePort(),
      cpus: 0.3,
      memoryMiB: 100,
    });
    await expect(create).rejects.toThrow(RuntimeUnavailableError);
    await expect(create).rejects.toThrow(/run tools\/build-node-image.sh/);
    await expect(noImage.inspect('noimage')).resolves.toBeUndefined();
  });

  it('reports an unreachable engine as RuntimeUnavailableError', async () => {
    const nowhere = new DockerNodeRuntime({
      cloud,
      image: NODE_IMAGE,
      socketPath: '/nonexistent/docker.sock',
    });
    await expect(nowhere.list()).rejects.toThrow(RuntimeUnavailableError);
    await expect(nowhere.list()).rejects.toThrow(/not reachable at \/nonexistent\/docker.sock/);
    expect(await isDockerReachable('/nonexistent/docker.sock')).toBe(false);
  });
});
