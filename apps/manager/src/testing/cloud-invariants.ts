import { NodesRepository } from '../app/store/nodes.repository';
import type { TestApp } from './test-app';

/**
 * The invariants a converged cloud holds (issue 10): every ONLINE node runs as its incarnation and is
 * in the load balancer with its weight; every STANDBY node runs and is not in it; every server belongs
 * to a serving node; nothing runs without a record; no node is left STARTING or DRAINING.
 */
export async function expectConverged(test: TestApp): Promise<void> {
  const nodes = test.app.get(NodesRepository).list();
  const runtime = await test.agent.listNodes();
  const servers = await test.lb.status();
  for (const node of nodes) {
    expect({ node: node.name, status: node.status }).not.toEqual(
      expect.objectContaining({ status: expect.stringMatching(/^(STARTING|DRAINING)$/) }),
    );
    if (node.status === 'ONLINE') {
      expect(runtime).toContainEqual(
        expect.objectContaining({ nodeId: node.name, state: 'running', port: node.port }),
      );
      expect(servers).toContainEqual(
        expect.objectContaining({ pod: node.pod, nodeId: node.name, port: node.port, weight: node.weight }),
      );
    }
    if (node.status === 'STANDBY') {
      expect(runtime).toContainEqual(
        expect.objectContaining({ nodeId: node.name, state: 'running', port: node.port }),
      );
    }
  }
  const serving = new Set(
    nodes.filter((n) => n.status === 'ONLINE' || n.status === 'PAUSED').map((n) => n.name),
  );
  expect(servers.map((s) => s.nodeId).filter((id) => !serving.has(id))).toEqual([]);
  const recorded = new Set(nodes.filter((n) => n.agent).map((n) => n.name));
  expect(runtime.map((r) => r.nodeId).filter((id) => !recorded.has(id))).toEqual([]);
}
