import { describeNeeding } from '@strato/test-infrastructure';
import Docker from 'dockerode';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeUnavailableError } from '../errors/runtime-unavailable.error';
import { NODE_IMAGE } from '../node-runtime';
import { ensureNodeImage, requireJobBundle, uniqueCloud } from '../../testing/workspace';
import { isDockerReachable } from './docker-client';
import { PROBE_LABEL } from './docker-image-interpreters';
import { DockerNodeRuntime } from './docker-node-runtime';

const docker = new Docker();

/** An image of empty files: /bin/sh a symlink (as on Debian or Alpine), python3 and node plain files. */
async function importImageWithAllInterpreters(tag: string): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'strato-probe-rootfs-'));
  try {
    await mkdir(join(root, 'bin'));
    await mkdir(join(root, 'usr/bin'), { recursive: true });
    await writeFile(join(root, 'usr/bin/node'), '');
    await writeFile(join(root, 'usr/bin/python3'), '');
    await symlink('/usr/bin/dash', join(root, 'bin/sh'));
    const imported = spawnSync(
      'bash',
      [
        '-c',
        `tar -C "$1" -c . | docker import -c 'ENTRYPOINT ["/usr/bin/node"]' - "$2"`,
        'import',
        root,
        tag,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (imported.status !== 0) throw new Error(`docker import failed: ${imported.stderr}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const probeContainers = async (image: string): Promise<Docker.ContainerInfo[]> =>
  docker.listContainers({ all: true, filters: { label: [PROBE_LABEL], ancestor: [image] } });

describeNeeding(['docker'])('DockerNodeRuntime: interpreters of the node image', () => {
  const cloud = uniqueCloud('di');
  const fullImage = `strato-probe-spec:${cloud}`;

  beforeAll(async () => {
    if (!(await isDockerReachable())) {
      throw new Error(
        'docker engine not reachable: start it with `dockerd --bridge=none --iptables=false &`',
      );
    }
    requireJobBundle();
    ensureNodeImage(NODE_IMAGE);
    await importImageWithAllInterpreters(fullImage);
  }, 120_000);

  afterAll(async () => {
    await docker
      .getImage(fullImage)
      .remove({ force: true })
      .catch(() => undefined);
  }, 60_000);

  afterEach(() => jest.restoreAllMocks());

  it('finds only node in strato-node, whose image holds nothing else, and leaves no container', async () => {
    const runtime = new DockerNodeRuntime({ cloud, image: NODE_IMAGE });
    expect(await runtime.interpreters()).toEqual(['node']);
    expect(await probeContainers(NODE_IMAGE)).toEqual([]);
  });

  it('counts a symlinked /bin/sh and a python3 as present, whatever they point at', async () => {
    const runtime = new DockerNodeRuntime({ cloud, image: fullImage });
    expect(await runtime.interpreters()).toEqual(['sh', 'node', 'python']);
    expect(await probeContainers(fullImage)).toEqual([]);
  });

  it('looks into an image once, however often and however concurrently it is asked', async () => {
    const creates = jest.spyOn(Docker.prototype, 'createContainer');
    const runtime = new DockerNodeRuntime({ cloud, image: NODE_IMAGE });
    const answers = await Promise.all([runtime.interpreters(), runtime.interpreters()]);
    expect([...answers, await runtime.interpreters()]).toEqual([['node'], ['node'], ['node']]);
    expect(creates).toHaveBeenCalledTimes(1);
  });

  it('reports a missing image as RuntimeUnavailableError pointing at the build script', async () => {
    const runtime = new DockerNodeRuntime({ cloud, image: `strato-no-such-image:${cloud}` });
    await expect(runtime.interpreters()).rejects.toThrow(RuntimeUnavailableError);
    await expect(runtime.interpreters()).rejects.toThrow(/build-node-image\.sh/);
  });
});
