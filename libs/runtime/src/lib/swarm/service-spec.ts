import type Docker from 'dockerode';
import type { NodeSpec } from '../node-runtime';
import { boostedBootCpus } from '../validate-node-spec';
import { containerCreateOptions, nanoCpus } from '../docker/container-config';

/** Service labels of the swarm runtime beyond the container's own. */
export const SWARM_LABEL = {
  // The CPUs a start boots the node under, until applyCpuCap removes it: a boost is not in the task
  // template (changing the template replaces the task, i.e. restarts the node), it is a `docker update`.
  bootCpus: 'strato.boot-cpus',
} as const;

/** The label Swarm puts on every task container: which service it runs. */
export const SERVICE_ID_LABEL = 'com.docker.swarm.service.id';

export function serviceName(cloud: string, nodeId: string): string {
  return `strato-${cloud}-${nodeId}`;
}

/**
 * One service of at most one replica per node: the node keeps its own identity (its id is the balancer's
 * server name, scale-in picks it, its incarnation is its own), which a pod-wide replica count would lose.
 * Created with 0 replicas (created, not started); the pod's size is the limit and, divided by the owner's
 * overcommit (1: none), the reservation, so Swarm places it only where it fits; host networking; no
 * restart by Swarm: the manager's reconciler decides about a node that exited (as with the other
 * runtimes), so its exit is seen and counted. Pinned to `host` (a swarm node id) when given: the runtime
 * can only pause, sample and exec into a task container on an engine it reaches.
 */
export function serviceCreateOptions(
  cloud: string,
  image: string,
  spec: NodeSpec,
  placement: { overcommit?: number; host?: string } = {},
): Docker.CreateServiceOptions {
  const overcommit = placement.overcommit ?? 1;
  const container = containerCreateOptions(cloud, image, spec);
  const labels = container.Labels ?? {};
  const memoryBytes = container.HostConfig?.Memory ?? 0;
  const boot = boostedBootCpus(spec);
  const limits = { NanoCPUs: nanoCpus(spec.cpus), MemoryBytes: memoryBytes };
  const reservations = {
    NanoCPUs: nanoCpus(spec.cpus / overcommit),
    MemoryBytes: Math.round(memoryBytes / overcommit),
  };
  return {
    Name: serviceName(cloud, spec.nodeId),
    Labels: { ...labels, ...(boot === undefined ? {} : { [SWARM_LABEL.bootCpus]: String(boot) }) },
    TaskTemplate: {
      ContainerSpec: { Image: image, Env: container.Env, Labels: labels, Init: true },
      Resources: { Limits: limits, Reservations: reservations },
      RestartPolicy: { Condition: 'none' },
      ...(placement.host === undefined ? {} : { Placement: { Constraints: [`node.id==${placement.host}`] } }),
      Networks: [{ Target: 'host' }],
    },
    Mode: { Replicated: { Replicas: 0 } },
  };
}
