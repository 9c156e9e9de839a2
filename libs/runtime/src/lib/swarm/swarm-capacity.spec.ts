import { swarmCapacity, type SwarmNodeInfo } from './swarm-capacity';

const host = (state: string, availability: string, cores: number, gib: number): SwarmNodeInfo => ({
  Spec: { Availability: availability },
  Status: { State: state },
  Description: { Resources: { NanoCPUs: cores * 1e9, MemoryBytes: gib * 2 ** 30 } },
});

describe('swarmCapacity', () => {
  it('adds up the hosts Swarm places tasks on', () => {
    expect(swarmCapacity([host('ready', 'active', 2, 24), host('ready', 'active', 4, 8)])).toEqual({
      cores: 6,
      memoryBytes: 32 * 2 ** 30,
      hosts: 2,
    });
  });

  it('leaves out hosts that are down, drained or paused', () => {
    const nodes = [
      host('ready', 'active', 2, 4),
      host('down', 'active', 8, 64),
      host('ready', 'drain', 8, 64),
      host('ready', 'pause', 8, 64),
      host('unknown', 'active', 8, 64),
    ];
    expect(swarmCapacity(nodes)).toEqual({ cores: 2, memoryBytes: 4 * 2 ** 30, hosts: 1 });
  });

  it('is nothing for a swarm with no host ready, and half cores stay halves', () => {
    expect(swarmCapacity([])).toEqual({ cores: 0, memoryBytes: 0, hosts: 0 });
    expect(
      swarmCapacity([{ Status: { State: 'ready' }, Description: { Resources: { NanoCPUs: 1.5e9 } } }]),
    ).toEqual({ cores: 1.5, memoryBytes: 0, hosts: 1 });
  });
});
