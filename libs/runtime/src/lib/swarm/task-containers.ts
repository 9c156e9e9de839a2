import type Docker from 'dockerode';
import { cloudFilter } from '../docker/container-config';
import { SERVICE_ID_LABEL } from './service-spec';

/** The task containers of one service (not of an earlier service of the same name). */
export function serviceContainerFilter(cloud: string, serviceId: string): Record<string, string[]> {
  return { label: [...cloudFilter(cloud)['label'], `${SERVICE_ID_LABEL}=${serviceId}`] };
}

/** Running or paused: the node's processes exist. */
export function isLive(container: Docker.ContainerInfo | undefined): container is Docker.ContainerInfo {
  return container?.State === 'running' || container?.State === 'paused';
}

/**
 * `Created` is in whole seconds, so a restart's task can tie with the one before: one task runs at a time,
 * so a container that is not exited is the newest.
 */
export function newestFirst(containers: Docker.ContainerInfo[]): Docker.ContainerInfo[] {
  const live = (c: Docker.ContainerInfo): number => (c.State === 'exited' || c.State === 'dead' ? 0 : 1);
  return [...containers].sort((a, b) => b.Created - a.Created || live(b) - live(a));
}
