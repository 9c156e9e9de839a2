import { describeNeeding } from '@strato/test-infrastructure';
import Docker from 'dockerode';
import { describeNodeJobContract } from '../../testing/node-job-contract';
import { ensureNodeImage, requireJobBundle, uniqueCloud } from '../../testing/workspace';
import { DockerNodeRuntime } from '../docker/docker-node-runtime';
import { NODE_IMAGE } from '../node-runtime';

const docker = new Docker();

describeNodeJobContract(
  'docker',
  async () => {
    requireJobBundle();
    ensureNodeImage(NODE_IMAGE);
    const cloud = uniqueCloud('dj');
    return {
      runtime: new DockerNodeRuntime({ cloud, image: NODE_IMAGE }),
      // `docker top`: the engine lists the container's processes from the host (the image has no ps).
      processesWith: async (nodeId, marker) => {
        const top = await docker
          .getContainer(`strato-${cloud}-${nodeId}`)
          .top({ ps_args: '-o pid,stat,args' });
        return (top.Processes as string[][])
          .filter((row) => row.join(' ').includes(marker) && !row[1].startsWith('Z'))
          .map((row) => row.join(' '));
      },
      absentInterpreters: ['sh', 'python'],
      cleanup: async () => {
        const containers = await docker.listContainers({
          all: true,
          filters: { label: [`strato.cloud=${cloud}`] },
        });
        await Promise.all(containers.map((info) => docker.getContainer(info.Id).remove({ force: true })));
      },
    };
  },
  describeNeeding(['docker']),
);
