export type { NodeRuntime, NodeSpec, RuntimeCapacity, RuntimeNode } from './lib/node-runtime';
export { NODE_IMAGE } from './lib/node-runtime';
export type { NodeStats, NodeStatsSource } from './lib/node-stats';
export { cpuPercent } from './lib/node-stats';
export type {
  NodeExitedEvent,
  NodeOomEvent,
  RuntimeEvent,
  RuntimeEventListener,
  RuntimeLogger,
  Unsubscribe,
} from './lib/runtime-event';
export { NodeNotFoundError } from './lib/errors/node-not-found.error';
export { NodeAlreadyExistsError } from './lib/errors/node-already-exists.error';
export type { ExistingNode, NodeAlreadyExistsOptions } from './lib/errors/node-already-exists.error';
export { NodeNotRunningError } from './lib/errors/node-not-running.error';
export { RuntimeUnavailableError } from './lib/errors/runtime-unavailable.error';
export { ProcessNodeRuntime } from './lib/process/process-node-runtime';
export type { ProcessNodeRuntimeOptions } from './lib/process/process-node-runtime';
export type { CgroupHost } from './lib/process/detect-process-limits';
export type { CgroupDirOps } from './lib/cgroup/cgroup-dir-ops';
export { DockerNodeRuntime } from './lib/docker/docker-node-runtime';
export { SwarmNodeRuntime } from './lib/swarm/swarm-node-runtime';
export type { SwarmNodeRuntimeOptions } from './lib/swarm/swarm-node-runtime';
export type { DockerNodeRuntimeOptions } from './lib/docker/docker-node-runtime';
export { isDockerReachable } from './lib/docker/docker-client';
export type {
  NodeJobExit,
  NodeJobHandle,
  NodeJobOutput,
  NodeJobRunner,
  NodeJobSpec,
} from './lib/jobs/node-job';
export { DEFAULT_JOB_KILL_GRACE_MS } from './lib/jobs/node-job';
export { InterpreterUnavailableError } from './lib/errors/interpreter-unavailable.error';
