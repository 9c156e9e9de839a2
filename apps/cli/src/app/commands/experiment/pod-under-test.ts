import { type Pod, type StratoClient, unwrap } from '@strato/api-client';
import { CommandFailedError, EXIT } from '../../exit-codes';
import type { Output } from '../../output';
import { launchUpTo, onlineNodes, untilUpInBalancer } from './pod-nodes';

/** A pod held still for an experiment, and how to give it back as it was. */
export interface PodUnderTest {
  pod: Pod;
  /** The ONLINE nodes serving it, by name. */
  nodes: string[];
  /** Gives the pod back: its algorithm and elasticity settings, without the nodes the experiment added. */
  restore(): Promise<void>;
}

const usage = (message: string) => new CommandFailedError(message, EXIT.usage);

/**
 * Holds `podName` at exactly `nodeCount` ONLINE nodes, all UP in the load balancer, with elasticity off
 * (it would change the node count mid-measurement). Refuses, changing nothing, when the pod is paused
 * or already has more nodes than asked.
 */
export async function holdPod(
  client: StratoClient,
  output: Output,
  podName: string,
  nodeCount: number | undefined,
): Promise<PodUnderTest> {
  const pods = await unwrap(client.GET('/api/v1/pods'));
  const pod = pods.find((p) => p.name === podName);
  if (!pod) throw usage(`unknown pod "${podName}"; known pods: ${pods.map((p) => p.name).join(', ')}`);
  if (pod.state === 'paused')
    throw usage(`pod ${podName} is paused; resume it first: cloud resume ${podName}`);
  const online = await onlineNodes(client, podName);
  const wanted = nodeCount ?? online.length;
  if (wanted < 1)
    throw usage(`pod ${podName} has no ONLINE node: give --nodes N (the experiment launches them)`);
  if (online.length > wanted)
    throw usage(
      `pod ${podName} has ${online.length} ONLINE nodes, more than --nodes ${wanted}; remove some (cloud rm NODE) or give --nodes ${online.length}`,
    );
  if (wanted > pod.maxNodes) throw usage(`pod ${podName} takes at most ${pod.maxNodes} nodes`);

  const elasticity = await unwrap(
    client.GET('/api/v1/pods/{pod}/elasticity', { params: { path: { pod: podName } } }),
  );
  const added: string[] = [];
  const restore = async (): Promise<void> => {
    await unwrap(
      client.PUT('/api/v1/pods/{pod}/algorithm', {
        params: { path: { pod: podName } },
        body: { algorithm: pod.algorithm },
      }),
    );
    for (const node of added) {
      output.err(`removing node ${node}, which the experiment added…`);
      await unwrap(client.DELETE('/api/v1/nodes/{name}', { params: { path: { name: node }, query: {} } }));
    }
    if (elasticity.enabled) {
      await unwrap(
        client.PUT('/api/v1/pods/{pod}/elasticity', {
          params: { path: { pod: podName } },
          body: { enabled: true },
        }),
      );
      output.err(`elasticity of pod ${podName} is on again`);
    }
  };

  try {
    if (elasticity.enabled) {
      output.err(`turning elasticity of pod ${podName} off for the experiment (it is turned on again after)`);
      await unwrap(
        client.POST('/api/v1/pods/{pod}/elasticity/disable', { params: { path: { pod: podName } } }),
      );
    }
    added.push(...(await launchUpTo(client, podName, wanted, (line) => output.err(line))));
    const nodes = await onlineNodes(client, podName);
    await untilUpInBalancer(client, podName, nodes);
    return { pod, nodes, restore };
  } catch (error) {
    await restore().catch(() => undefined);
    throw error;
  }
}
