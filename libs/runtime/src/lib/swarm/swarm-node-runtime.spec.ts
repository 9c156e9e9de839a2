import { describeNeeding, swarmSocketPath } from '@strato/test-infrastructure';
import Docker from 'dockerode';
import { NODE_IMAGE } from '../node-runtime';
import { describeNodeJobContract } from '../../testing/node-job-contract';
import { describeNodeRuntimeContract, type ContractSubject } from '../../testing/node-runtime-contract';
import { describeNodeRuntimeLiveContract } from '../../testing/node-runtime-live-contract';
import { freePort, waitForHealth } from '../../testing/net-probes';
import { requireJobBundle, uniqueCloud } from '../../testing/workspace';
import { SwarmNodeRuntime } from './swarm-node-runtime';
import { isOutOfSequence, updateService } from './update-service';

const socketPath = swarmSocketPath();
const docker = new Docker({ socketPath });
const describeSwarm = describeNeeding(['swarm']);

const nodeFilter = (cloud: string, nodeId?: string) => ({
  label: [`strato.cloud=${cloud}`, ...(nodeId === undefined ? [] : [`strato.node=${nodeId}`])],
});

async function removeClouds(clouds: string[]): Promise<void> {
  for (const cloud of clouds) {
    const services = await docker.listServices({ filters: nodeFilter(cloud) });
    await Promise.all(
      services.map((service) =>
        docker
          .getService(service.ID)
          .remove()
          .catch(() => undefined),
      ),
    );
    const containers = await docker.listContainers({ all: true, filters: nodeFilter(cloud) });
    await Promise.all(
      containers.map((info) =>
        docker
          .getContainer(info.Id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
  }
}

async function swarmSubject(): Promise<ContractSubject> {
  requireJobBundle();
  return {
    runtimeFor: (cloud) => new SwarmNodeRuntime({ cloud, image: NODE_IMAGE, socketPath }),
    cleanup: removeClouds,
    killNode: async (cloud, nodeId) => {
      const [running] = await docker.listContainers({ filters: nodeFilter(cloud, nodeId) });
      await docker.getContainer(running.Id).kill({ signal: 'SIGKILL' });
    },
  };
}

describeNodeRuntimeContract('swarm', swarmSubject, describeSwarm);
describeNodeRuntimeLiveContract('swarm', swarmSubject, describeSwarm);

describeNodeJobContract(
  'swarm',
  async () => {
    requireJobBundle();
    const cloud = uniqueCloud('sj');
    return {
      runtime: new SwarmNodeRuntime({ cloud, image: NODE_IMAGE, socketPath }),
      processesWith: async (nodeId, marker) => {
        const [running] = await docker.listContainers({ filters: nodeFilter(cloud, nodeId) });
        const top = await docker.getContainer(running.Id).top({ ps_args: '-o pid,stat,args' });
        return (top.Processes as string[][])
          .filter((row) => row.join(' ').includes(marker) && !row[1].startsWith('Z'))
          .map((row) => row.join(' '));
      },
      absentInterpreters: ['sh', 'python'],
      cleanup: () => removeClouds([cloud]),
    };
  },
  describeSwarm,
);

describeSwarm('SwarmNodeRuntime', () => {
  const cloud = uniqueCloud('sw');
  const runtime = new SwarmNodeRuntime({ cloud, image: NODE_IMAGE, socketPath });
  afterAll(() => removeClouds([cloud]), 60_000);

  it('makes each node a host-networked service of one replica, the pod size its limits and reservations', async () => {
    const port = await freePort();
    await runtime.create({ nodeId: 'caps', incarnation: 2, pod: 'medium', port, cpus: 0.5, memoryMiB: 96 });
    const service = await docker.getService(`strato-${cloud}-caps`).inspect();
    const template = service.Spec.TaskTemplate;
    const size = { NanoCPUs: 500_000_000, MemoryBytes: 96 * 2 ** 20 };
    expect(template.Resources).toEqual({ Limits: size, Reservations: size });
    expect(template.RestartPolicy).toMatchObject({ Condition: 'none' });
    expect(service.Spec.Mode).toEqual({ Replicated: { Replicas: 0 } });

    await runtime.start('caps');
    await waitForHealth(port);
    const [running] = await docker.listContainers({ filters: nodeFilter(cloud, 'caps') });
    const info = await docker.getContainer(running.Id).inspect();
    expect(info.HostConfig).toMatchObject({ NetworkMode: 'host', NanoCpus: 500_000_000, Init: true });
    // Swarm gives twice the memory as swap; the runtime takes it back to the cap, as the docker runtime does.
    expect(info.HostConfig).toMatchObject({ Memory: 96 * 2 ** 20, MemorySwap: 96 * 2 ** 20 });
    expect(info.Config.Labels).toMatchObject({ 'strato.node': 'caps', 'strato.incarnation': '2' });
    await runtime.remove('caps');
  });

  it("updates with the service's version, retrying when someone else updated it in between", async () => {
    await runtime.create({
      nodeId: 'raced',
      incarnation: 1,
      pod: 'light',
      port: await freePort(),
      cpus: 0.2,
      memoryMiB: 64,
    });
    const service = docker.getService(`strato-${cloud}-raced`);
    const { Version, Spec } = await service.inspect();
    await service.update({ ...Spec, Labels: { ...Spec.Labels, first: 'writer' }, version: Version.Index });
    const refused: unknown = await service
      .update({ ...Spec, version: Version.Index })
      .catch((e: unknown) => e);
    expect(isOutOfSequence(refused)).toBe(true);

    // Another writer gets in between updateService's first read and its update: that version is stale.
    let updates = 0;
    const contended = {
      inspect: () => service.inspect(),
      update: async (options: object) => {
        if (updates++ === 0) {
          const current = await service.inspect();
          const Labels = { ...current.Spec.Labels, other: 'writer' };
          await service.update({ ...current.Spec, Labels, version: current.Version.Index });
        }
        return service.update(options);
      },
    } as unknown as Docker.Service;
    let reads = 0;
    await updateService(contended, (spec) => {
      reads++;
      return { ...spec, Labels: { ...spec.Labels, mine: 'yes' } };
    });
    expect(reads).toBe(2);
    expect((await service.inspect()).Spec.Labels).toMatchObject({
      first: 'writer',
      other: 'writer',
      mine: 'yes',
    });
    await runtime.remove('raced');
  });

  it('reserves the pod size divided by the overcommit the owner allows, the limits staying the size', async () => {
    const lax = new SwarmNodeRuntime({ cloud, image: NODE_IMAGE, socketPath, overcommit: 4 });
    await lax.create({
      nodeId: 'lax',
      incarnation: 1,
      pod: 'light',
      port: await freePort(),
      cpus: 0.4,
      memoryMiB: 128,
    });
    const { Resources } = (await docker.getService(`strato-${cloud}-lax`).inspect()).Spec.TaskTemplate;
    expect(Resources).toEqual({
      Limits: { NanoCPUs: 400_000_000, MemoryBytes: 128 * 2 ** 20 },
      Reservations: { NanoCPUs: 100_000_000, MemoryBytes: 32 * 2 ** 20 },
    });
    await lax.remove('lax');
    expect(() => new SwarmNodeRuntime({ cloud, image: NODE_IMAGE, overcommit: 0.5 })).toThrow(/at least 1/);
  });

  it("places nodes on its own engine's host of a swarm of two, and offers that host's capacity", async () => {
    const hosts = await docker.listNodes();
    // tools/swarm-daemon.sh joins a worker engine at 127.0.0.2; a task there would be out of the runtime's reach.
    expect(hosts.filter((host) => host.Status?.State === 'ready')).toHaveLength(2);
    const info = await docker.info();
    expect(await runtime.capacity()).toEqual({ cores: info.NCPU, memoryBytes: info.MemTotal, hosts: 1 });
    const ids = ['p1', 'p2', 'p3', 'p4'];
    for (const nodeId of ids) {
      const port = await freePort();
      await runtime.create({ nodeId, incarnation: 1, pod: 'light', port, cpus: 0.1, memoryMiB: 64 });
    }
    const started = await Promise.all(ids.map((nodeId) => runtime.start(nodeId)));
    expect(started.map((node) => node.state)).toEqual(['running', 'running', 'running', 'running']);
    const tasks = await docker.listTasks({
      filters: { label: [`strato.cloud=${cloud}`], 'desired-state': ['running'] },
    });
    expect(tasks).toHaveLength(ids.length);
    expect(new Set(tasks.map((task: { NodeID?: string }) => task.NodeID))).toEqual(
      new Set([info.Swarm.NodeID]),
    );
    const spec = (await docker.getService(`strato-${cloud}-p1`).inspect()).Spec.TaskTemplate;
    expect(spec.Placement).toEqual({ Constraints: [`node.id==${info.Swarm.NodeID}`] });
    await Promise.all(ids.map((nodeId) => runtime.remove(nodeId)));
  });

  it('says why Swarm did not run a node that fits on no host', async () => {
    const slow = new SwarmNodeRuntime({ cloud, image: NODE_IMAGE, socketPath, startTimeoutMs: 3_000 });
    await slow.create({
      nodeId: 'huge',
      incarnation: 1,
      pod: 'heavy',
      port: await freePort(),
      cpus: 64,
      memoryMiB: 64,
    });
    await expect(slow.start('huge')).rejects.toThrow(
      /swarm did not run node huge within 3000 ms: .*insufficient resources/i,
    );
    await slow.remove('huge');
  });
});
