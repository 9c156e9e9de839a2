import type { RuntimeCapacity } from '../node-runtime';

/** The part of `GET /nodes` that says what a swarm host can be given. */
export interface SwarmNodeInfo {
  ID?: string;
  Spec?: { Availability?: string };
  Status?: { State?: string };
  Description?: { Resources?: { NanoCPUs?: number; MemoryBytes?: number } };
}

/**
 * The sum over the hosts Swarm places tasks on: ready and `active` (a `pause`d or `drain`ed host takes no new
 * task; a `down` one none at all). Managers count too: by default they run tasks like any worker.
 */
export function swarmCapacity(nodes: readonly SwarmNodeInfo[]): RuntimeCapacity {
  const placing = nodes.filter(
    (node) => node.Status?.State === 'ready' && (node.Spec?.Availability ?? 'active') === 'active',
  );
  const resources = placing.map((node) => node.Description?.Resources ?? {});
  return {
    cores: resources.reduce((sum, r) => sum + (r.NanoCPUs ?? 0), 0) / 1e9,
    memoryBytes: resources.reduce((sum, r) => sum + (r.MemoryBytes ?? 0), 0),
    hosts: placing.length,
  };
}
