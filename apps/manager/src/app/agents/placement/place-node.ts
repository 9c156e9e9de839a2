import { hasLabels, type PodPlacement } from '@strato/contracts';

/** One host as placement sees it: what it offers, what its nodes have reserved, how many of the pod's it has. */
export interface HostRoom {
  id: string;
  reachable: boolean;
  labels: Record<string, string>;
  cpus: number;
  memoryMiB: number;
  /** Undefined: no port limit known. */
  nodePorts: number | undefined;
  reserved: { nodes: number; cpus: number; memoryMiB: number };
  /** Nodes of the pod being placed that it runs (or starts) now. */
  podNodes: number;
}

export interface PlacementRequest {
  pod: string;
  cpus: number;
  memoryMiB: number;
  placement: PodPlacement;
  /** How far reservations may exceed a host's CPUs and memory: 1 never, 1.5 by half again. */
  overcommit: number;
}

export type PlacementDecision = { host: string; reason: string } | { host: undefined; reason: string };

/**
 * Where one more node of a pod goes, and why. A pure function: the hosts as the store has them now.
 * Never past a host's CPUs or memory (times the overcommit) or its ports; `one-host` keeps to the host the
 * pod already runs on; `spread` takes the host with the fewest of the pod's nodes, then the most CPU left.
 */
export function placeNode(hosts: readonly HostRoom[], request: PlacementRequest): PlacementDecision {
  const { placement } = request;
  const labelled = hosts.filter((host) => hasLabels(host.labels, placement.labels));
  if (labelled.length === 0) {
    return { host: undefined, reason: `no host carries the labels ${labelList(placement.labels)}` };
  }
  const home = placement.mode === 'one-host' ? labelled.find((host) => host.podNodes > 0) : undefined;
  const candidates = home ? [home] : labelled;
  const refusals: string[] = [];
  const roomy: HostRoom[] = [];
  for (const host of candidates) {
    const refusal = host.reachable ? lackOfRoom(host, request) : 'unreachable';
    if (refusal) refusals.push(`${host.id} ${refusal}`);
    else roomy.push(host);
  }
  if (roomy.length === 0) {
    const where = home ? `its host ${home.id} (one-host placement)` : 'no host';
    return {
      host: undefined,
      reason: `${where} has room for a ${size(request)} node: ${refusals.join('; ')}`,
    };
  }
  const best = roomy.reduce((a, b) => (better(b, a, request) ? b : a));
  return { host: best.id, reason: reasonFor(best, request, home !== undefined, refusals) };
}

function lackOfRoom(host: HostRoom, request: PlacementRequest): string | undefined {
  const { reserved } = host;
  const cpuRoom = host.cpus * request.overcommit;
  const memoryRoom = host.memoryMiB * request.overcommit;
  if (host.nodePorts !== undefined && reserved.nodes + 1 > host.nodePorts)
    return `has no node port left (${host.nodePorts} in use)`;
  if (reserved.cpus + request.cpus > cpuRoom + 1e-9)
    return `is full on CPU (${round(reserved.cpus)} of ${round(cpuRoom)} reserved)`;
  if (reserved.memoryMiB + request.memoryMiB > memoryRoom)
    return `is full on memory (${Math.round(reserved.memoryMiB)} of ${Math.round(memoryRoom)} MiB reserved)`;
  return undefined;
}

/** Spread: fewest of the pod's nodes; then the most CPUs left (the most room to grow), then the id. */
function better(a: HostRoom, b: HostRoom, request: PlacementRequest): boolean {
  if (request.placement.mode === 'spread' && a.podNodes !== b.podNodes) return a.podNodes < b.podNodes;
  const freeA = a.cpus - a.reserved.cpus;
  const freeB = b.cpus - b.reserved.cpus;
  if (Math.abs(freeA - freeB) > 1e-9) return freeA > freeB;
  return a.id < b.id;
}

function reasonFor(host: HostRoom, request: PlacementRequest, home: boolean, refusals: string[]): string {
  const why = home
    ? `the pod's host (one-host placement)`
    : request.placement.mode === 'one-host'
      ? `the pod's first node, on the host with the most CPU left`
      : `${host.podNodes} of the pod's nodes there before this one, the fewest`;
  const after = `${round(host.reserved.cpus + request.cpus)}/${round(host.cpus * request.overcommit)} CPU, ${Math.round(host.reserved.memoryMiB + request.memoryMiB)}/${Math.round(host.memoryMiB * request.overcommit)} MiB reserved with it`;
  const labels =
    Object.keys(request.placement.labels).length > 0 ? `, labels ${labelList(request.placement.labels)}` : '';
  const passed = refusals.length > 0 ? `; passed over: ${refusals.join('; ')}` : '';
  return `placed on ${host.id}: ${why}${labels}; ${after}${passed}`;
}

const size = (request: PlacementRequest): string => `${request.cpus} CPU / ${request.memoryMiB} MiB`;
const round = (value: number): number => Math.round(value * 100) / 100;
const labelList = (labels: Record<string, string>): string =>
  Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
