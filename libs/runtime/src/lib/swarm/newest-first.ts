import type Docker from 'dockerode';

/**
 * `Created` is in whole seconds, so a restart's task can tie with the one before: one task runs at a time,
 * so a container that is not exited is the newest.
 */
export function newestFirst(containers: Docker.ContainerInfo[]): Docker.ContainerInfo[] {
  const live = (c: Docker.ContainerInfo): number => (c.State === 'exited' || c.State === 'dead' ? 0 : 1);
  return [...containers].sort((a, b) => b.Created - a.Created || live(b) - live(a));
}
