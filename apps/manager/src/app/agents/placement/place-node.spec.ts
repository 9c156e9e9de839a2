import { DEFAULT_PLACEMENT, type PodPlacement } from '@strato/contracts';
import { type HostRoom, placeNode, type PlacementRequest } from './place-node';

const host = (id: string, change: Partial<HostRoom> = {}): HostRoom => ({
  id,
  reachable: true,
  labels: {},
  cpus: 2,
  memoryMiB: 1024,
  nodePorts: 100,
  reserved: { nodes: 0, cpus: 0, memoryMiB: 0 },
  podNodes: 0,
  ...change,
});

const light = (placement: Partial<PodPlacement> = {}, overcommit = 1): PlacementRequest => ({
  pod: 'light',
  cpus: 0.3,
  memoryMiB: 100,
  placement: { ...DEFAULT_PLACEMENT, ...placement },
  overcommit,
});

const reserved = (nodes: number, cpus: number, memoryMiB = nodes * 100) => ({ nodes, cpus, memoryMiB });

describe('placeNode', () => {
  it.each([
    [
      'spread: the host with the fewest of the pod nodes',
      [host('a', { podNodes: 2 }), host('b', { podNodes: 1 })],
      'b',
    ],
    [
      'spread: equal pod nodes, the most CPU left',
      [host('a', { reserved: reserved(1, 0.8) }), host('b', { reserved: reserved(1, 0.3) })],
      'b',
    ],
    ['spread: all equal, the first id', [host('b'), host('a')], 'a'],
    ['an unreachable host gets nothing', [host('a', { reachable: false }), host('b', { podNodes: 5 })], 'b'],
    [
      'a host full on CPU is passed over',
      [host('a', { reserved: reserved(6, 1.8) }), host('b', { podNodes: 3, reserved: reserved(3, 0.9) })],
      'b',
    ],
    [
      'a host full on memory is passed over',
      [host('a', { reserved: reserved(1, 0.3, 1000) }), host('b', { podNodes: 1 })],
      'b',
    ],
    [
      'a host with no node port left is passed over',
      [host('a', { nodePorts: 1, reserved: reserved(1, 0.3) }), host('b', { podNodes: 4 })],
      'b',
    ],
    ['no port limit known: no limit', [host('a', { nodePorts: undefined, reserved: reserved(5, 1) })], 'a'],
  ])('%s', (_, hosts, expected) => {
    expect(placeNode(hosts, light()).host).toBe(expected);
  });

  it('fills a host exactly to its CPUs and no further', () => {
    expect(placeNode([host('a', { reserved: reserved(5, 1.7) })], light()).host).toBe('a');
    const refused = placeNode([host('a', { reserved: reserved(6, 2) })], light());
    expect(refused).toEqual({
      host: undefined,
      reason: 'no host has room for a 0.3 CPU / 100 MiB node: a is full on CPU (2 of 2 reserved)',
    });
  });

  it('overcommits only as far as the owner allows', () => {
    const full = host('a', { reserved: reserved(6, 2) });
    expect(placeNode([full], light({}, 1.5)).host).toBe('a');
    expect(placeNode([host('a', { reserved: reserved(10, 3) })], light({}, 1.5)).host).toBeUndefined();
  });

  it('one-host: the host the pod already runs on, even when another has more room', () => {
    const hosts = [host('a'), host('b', { podNodes: 2, reserved: reserved(2, 0.6) })];
    const decision = placeNode(hosts, light({ mode: 'one-host' }));
    expect(decision.host).toBe('b');
    expect(decision.reason).toContain("the pod's host (one-host placement)");
  });

  it('one-host: its host full is a refusal, not a move to another host', () => {
    const hosts = [host('a'), host('b', { podNodes: 6, reserved: reserved(6, 1.8) })];
    expect(placeNode(hosts, light({ mode: 'one-host' }))).toEqual({
      host: undefined,
      reason:
        'its host b (one-host placement) has room for a 0.3 CPU / 100 MiB node: b is full on CPU (1.8 of 2 reserved)',
    });
  });

  it('one-host: a first node goes to the host with the most CPU left', () => {
    const hosts = [host('a', { reserved: reserved(2, 1) }), host('b', { reserved: reserved(1, 0.5) })];
    expect(placeNode(hosts, light({ mode: 'one-host' })).host).toBe('b');
  });

  it('only hosts that carry every label asked for', () => {
    const hosts = [
      host('a', { labels: { zone: 'x' } }),
      host('b', { labels: { zone: 'y', disk: 'ssd' }, podNodes: 3 }),
    ];
    expect(placeNode(hosts, light({ labels: { zone: 'y' } })).host).toBe('b');
    expect(placeNode(hosts, light({ labels: { zone: 'y', disk: 'hdd' } }))).toEqual({
      host: undefined,
      reason: 'no host carries the labels zone=y,disk=hdd',
    });
  });

  it('says where it placed the node, what that host then has reserved, and what it passed over', () => {
    const hosts = [
      host('a', { reachable: false }),
      host('b', { podNodes: 1, reserved: reserved(2, 0.6, 200) }),
    ];
    expect(placeNode(hosts, light()).reason).toBe(
      "placed on b: 1 of the pod's nodes there before this one, the fewest; 0.9/2 CPU, 300/1024 MiB reserved with it; passed over: a unreachable",
    );
  });
});
