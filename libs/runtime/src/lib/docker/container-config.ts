import type Docker from 'dockerode';
import type { NodeLimits, RuntimeNodeState } from '@strato/contracts';
import { NODE_HOST } from '../node-runtime';
import type { NodeSpec, RuntimeNode } from '../node-runtime';
import { boostedBootCpus } from '../validate-node-spec';

export const LABEL = {
  managed: 'strato.managed',
  cloud: 'strato.cloud',
  pod: 'strato.pod',
  node: 'strato.node',
  incarnation: 'strato.incarnation',
  // Host networking publishes no ports, so the node's port is only known from here.
  port: 'strato.port',
  // The node's own CPU cap, which applyCpuCap puts in force after a boot boost (HostConfig says the boost).
  cpus: 'strato.cpus',
  // Where the job server listens (absent on containers made before addresses were recorded: NODE_HOST).
  host: 'strato.host',
} as const;

export const nanoCpus = (cpus: number): number => Math.round(cpus * 1e9);

export function containerName(cloud: string, nodeId: string): string {
  return `strato-${cloud}-${nodeId}`;
}

export function cloudFilter(cloud: string): Record<string, string[]> {
  return { label: [`${LABEL.managed}=true`, `${LABEL.cloud}=${cloud}`] };
}

export function containerCreateOptions(
  cloud: string,
  image: string,
  spec: NodeSpec,
): Docker.ContainerCreateOptions {
  const memoryBytes = Math.round(spec.memoryMiB * 2 ** 20);
  return {
    name: containerName(cloud, spec.nodeId),
    Image: image,
    Env: [
      `PORT=${spec.port}`,
      `HOST=${spec.host ?? NODE_HOST}`,
      `NODE_ID=${spec.nodeId}`,
      `POD_NAME=${spec.pod}`,
      `NODE_CPUS=${spec.cpus}`,
    ],
    Labels: {
      [LABEL.managed]: 'true',
      [LABEL.cloud]: cloud,
      [LABEL.pod]: spec.pod,
      [LABEL.node]: spec.nodeId,
      [LABEL.incarnation]: String(spec.incarnation),
      [LABEL.port]: String(spec.port),
      [LABEL.cpus]: String(spec.cpus),
      [LABEL.host]: spec.host ?? NODE_HOST,
    },
    HostConfig: {
      NetworkMode: 'host',
      NanoCpus: nanoCpus(boostedBootCpus(spec) ?? spec.cpus),
      Memory: memoryBytes,
      // Equal to Memory: no swap, so the cap is a real cap and an overrun is an OOM kill.
      MemorySwap: memoryBytes,
      // An init as PID 1 forwards SIGTERM and reaps, so stop takes ~50 ms instead of the full timeout.
      Init: true,
    },
  };
}

export function toRuntimeState(dockerState: string): RuntimeNodeState {
  switch (dockerState.toLowerCase()) {
    case 'created':
      return 'created';
    case 'running':
    case 'restarting':
      return 'running';
    case 'paused':
      return 'paused';
    default:
      return 'exited';
  }
}

/** The incarnation label as a number; null when a container made before incarnations has none. */
export function incarnationOf(labels: Record<string, string>): number | null {
  const value = Number(labels[LABEL.incarnation]);
  return Number.isInteger(value) && value > 0 ? value : null;
}

export function toRuntimeNode(
  labels: Record<string, string>,
  dockerState: string,
  limits: NodeLimits,
): RuntimeNode {
  return {
    nodeId: labels[LABEL.node] ?? '',
    incarnation: incarnationOf(labels),
    pod: labels[LABEL.pod] ?? '',
    port: Number(labels[LABEL.port]),
    host: labels[LABEL.host] ?? NODE_HOST,
    state: toRuntimeState(dockerState),
    runtime: 'docker',
    limits,
  };
}
