import { containerCreateOptions, toRuntimeNode, toRuntimeState } from './container-config';

describe('container config', () => {
  it('caps CPU in NanoCpus and memory in bytes, without swap', () => {
    const options = containerCreateOptions('c1', 'img', {
      nodeId: 'n1',
      incarnation: 2,
      pod: 'heavy',
      port: 9000,
      cpus: 0.8,
      memoryMiB: 500,
    });
    expect(options.name).toBe('strato-c1-n1');
    expect(options.Labels).toMatchObject({ 'strato.node': 'n1', 'strato.incarnation': '2' });
    expect(options.HostConfig).toEqual({
      NetworkMode: 'host',
      NanoCpus: 800_000_000,
      Memory: 524_288_000,
      MemorySwap: 524_288_000,
      Init: true,
    });
  });

  it.each([
    ['created', 'created'],
    ['running', 'running'],
    ['restarting', 'running'],
    ['paused', 'paused'],
    ['exited', 'exited'],
    ['dead', 'exited'],
    ['removing', 'exited'],
  ])('maps docker state %s to %s', (docker, ours) => {
    expect(toRuntimeState(docker)).toBe(ours);
  });

  it('reads the node back from its labels', () => {
    const labels = {
      'strato.node': 'n1',
      'strato.incarnation': '3',
      'strato.pod': 'light',
      'strato.port': '9001',
    };
    expect(toRuntimeNode(labels, 'running', { enforced: true, reason: null })).toEqual({
      nodeId: 'n1',
      incarnation: 3,
      pod: 'light',
      port: 9001,
      host: '127.0.0.1',
      state: 'running',
      runtime: 'docker',
      limits: { enforced: true, reason: null },
    });
  });

  it('reads a container made before incarnations, or with a broken label, as incarnation null', () => {
    const labels = { 'strato.node': 'n1', 'strato.pod': 'light', 'strato.port': '9001' };
    const limits = { enforced: true, reason: null };
    expect(toRuntimeNode(labels, 'exited', limits).incarnation).toBeNull();
    expect(toRuntimeNode({ ...labels, 'strato.incarnation': 'x' }, 'exited', limits).incarnation).toBeNull();
    expect(toRuntimeNode({ ...labels, 'strato.incarnation': '0' }, 'exited', limits).incarnation).toBeNull();
  });
});
