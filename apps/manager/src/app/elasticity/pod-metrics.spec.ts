import type { NodeSamples } from '../agents/registry/node-samples';
import type { JobBacklog } from '../jobs/job-backlog';
import type { LoadBalancer, PodStatus, ServerStatus } from '../lb/load-balancer';
import type { NodeRecord } from '../store/nodes.repository';
import type { PodRecord } from '../store/pods.repository';
import { PodMetrics } from './pod-metrics';

const server = (nodeId: string, currentSessions: number): ServerStatus =>
  ({ nodeId, pod: 'heavy', currentSessions }) as ServerStatus;
const node = (name: string): NodeRecord => ({ name, pod: 'heavy', status: 'ONLINE' }) as NodeRecord;

describe('PodMetrics: queueDepth', () => {
  const pod = { name: 'heavy', cpus: 0.8 } as PodRecord;
  const metricsWith = (status: Partial<PodStatus>) =>
    new PodMetrics(
      {} as NodeSamples,
      {
        podStatus: async () => [{ name: 'heavy', queue: 0, servers: [], ...status } as PodStatus],
      } as unknown as LoadBalancer,
      {} as JobBacklog,
    );

  it('counts requests in service on ready nodes and waiting in the queue, per job thread', async () => {
    const metrics = metricsWith({ queue: 5, servers: [server('h1', 2), server('h2', 1), server('h3', 2)] });
    // h3 is not ready (joining or leaving): its requests do not count, nor does it add a thread.
    const reading = await metrics.read(pod, [node('h1'), node('h2')], 'queueDepth', Date.now());
    expect(reading).toMatchObject({ metric: 'queueDepth', value: 4 });
    expect(reading.detail).toBe('3 in service and 5 queued for 2 job thread(s): 4.00 per thread');
  });

  it('gives a 2-CPU node two threads', async () => {
    const metrics = metricsWith({ queue: 0, servers: [server('h1', 2)] });
    const reading = await metrics.read({ ...pod, cpus: 2 }, [node('h1')], 'queueDepth', Date.now());
    expect(reading.value).toBe(1);
  });

  it('reads nothing for a pod the balancer does not have', async () => {
    const metrics = new PodMetrics(
      {} as NodeSamples,
      { podStatus: async () => [] } as unknown as LoadBalancer,
      {} as JobBacklog,
    );
    expect((await metrics.read(pod, [node('h1')], 'queueDepth', Date.now())).value).toBeNull();
  });
});

describe('PodMetrics: jobBacklog', () => {
  it('counts running and startable jobs per slot of the ready nodes, naming those held back', async () => {
    const backlog = { of: () => ({ running: 1, startable: 3, heldBack: 2 }), slotsPerNode: () => 2 };
    const metrics = new PodMetrics({} as NodeSamples, {} as LoadBalancer, backlog as unknown as JobBacklog);
    const pod = { name: 'heavy', cpus: 0.8 } as PodRecord;
    const reading = await metrics.read(pod, [node('h1'), node('h2')], 'jobBacklog', Date.now());
    expect(reading).toMatchObject({ metric: 'jobBacklog', value: 1 });
    expect(reading.detail).toBe(
      "1 batch job(s) running and 3 queued to start (2 more held back by their array's parallelism) for 4 slot(s): 1.00 per slot",
    );
  });
});
