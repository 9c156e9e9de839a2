import type Docker from 'dockerode';
import { serviceContainerFilter } from './task-containers';

export interface TaskWait {
  cloud: string;
  serviceId: string;
  nodeId: string;
  /** The containers of the service's earlier tasks: not the one waited for. */
  earlier: ReadonlySet<string>;
  timeoutMs: number;
}

const POLL_MS = 100;

/**
 * The id of the container of the service's new task once it runs, or once it has exited already (the
 * node's state then says so). When Swarm has not run one in time (no host with room, say), an Error with
 * what Swarm says of the task.
 */
export async function waitForTaskContainer(docker: Docker, wait: TaskWait): Promise<string> {
  const filters = serviceContainerFilter(wait.cloud, wait.serviceId);
  const deadline = Date.now() + wait.timeoutMs;
  for (;;) {
    const containers = await docker.listContainers({ all: true, filters });
    const started = containers.find((c) => !wait.earlier.has(c.Id) && c.State !== 'created');
    if (started !== undefined) return started.Id;
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(
    `swarm did not run node ${wait.nodeId} within ${wait.timeoutMs} ms: ${await taskStatus(docker, wait.serviceId)}`,
  );
}

async function taskStatus(docker: Docker, serviceId: string): Promise<string> {
  const tasks = (await docker.listTasks({ filters: { service: [serviceId] } })) as Array<{
    CreatedAt?: string;
    Status?: { State?: string; Message?: string; Err?: string };
  }>;
  const [task] = tasks.sort((a, b) => (b.CreatedAt ?? '').localeCompare(a.CreatedAt ?? ''));
  if (task === undefined) return 'no task yet';
  const { State = 'unknown', Message = '', Err } = task.Status ?? {};
  return [`task ${State}`, Message, Err].filter(Boolean).join(': ');
}

/**
 * Until the service has no task left (after a scale to 0 Swarm's task reaper deletes them), or timeoutMs.
 * Removing a service while the reaper still deletes its tasks can crash the swarm manager: SwarmKit's
 * SetServiceTasksRemove dereferences a task deleted under it (seen on Docker 20.10.24; moby/swarmkit#3222).
 */
export async function waitForNoTasks(docker: Docker, serviceId: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await docker.listTasks({ filters: { service: [serviceId] } })).length === 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
