import { type StratoClient, unwrap } from '@strato/api-client';
import { measureCapacity, poisson, runLoad } from '@strato/loadgen';
import type { Output } from '../../output';
import { loadWarnings, progressLine } from '../simulate/simulate-report';
import type { LbExperimentReport, LbPodResult, LbRun } from './lb-experiment-report';
import { capacityUsers } from './pod-nodes';
import { holdPod } from './pod-under-test';
import { readPod, readPodOnceCounted, sharesBetween } from './pod-readings';

export interface LbExperimentSettings {
  pods: string[];
  algorithms: string[];
  nodes?: number;
  /** Fractions of the measured capacity, e.g. 0.5, 0.7, 1.2. */
  loads: number[];
  durationS: number;
  capacityS: number;
  seed: number;
  progress: boolean;
}

export const LOAD_MODEL =
  'open loop: Poisson arrivals at a set share of the capacity, sent on their schedule whatever the answers (seeded)';
export const LATENCY_FROM =
  "each request's intended send time, to the end of its response (so a queue anywhere, even in the generator, counts)";

/** Lets the queue of a run past saturation drain before the next one is counted. */
const SETTLE_MS = 1000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function setAlgorithm(client: StratoClient, pod: string, algorithm: string): Promise<void> {
  await unwrap(
    client.PUT('/api/v1/pods/{pod}/algorithm', {
      params: { path: { pod } },
      body: { algorithm: algorithm as 'roundrobin' },
    }),
  );
}

async function experimentOnPod(
  client: StratoClient,
  output: Output,
  lbUrl: string,
  podName: string,
  settings: LbExperimentSettings,
): Promise<LbPodResult> {
  const held = await holdPod(client, output, podName, settings.nodes);
  try {
    const url = `${lbUrl}/${podName}`;
    const concurrency = await capacityUsers(client, podName, held.nodes);
    output.err(
      `${podName}: measuring capacity on ${held.nodes.length} node(s) with ${held.pod.algorithm}: ${concurrency} users in a closed loop, warmed up until the rate settles, then ${settings.capacityS} s…`,
    );
    const before = await readPod(client, podName);
    const capacity = await measureCapacity({ url, concurrency, durationMs: settings.capacityS * 1000 });
    const after = await readPodOnceCounted(client, podName, before, held.nodes, capacity.sent);
    const capacityNodes = sharesBetween(before, after, held.nodes);
    output.err(
      `${podName}: capacity ${capacity.okPerSecond.toFixed(1)} req/s after ${(capacity.warmUpMs / 1000).toFixed(0)} s of warm-up${capacity.warmUpSettled ? '' : ' (NOT settled)'}`,
    );
    const runs: LbRun[] = [];
    for (const algorithm of settings.algorithms) {
      await setAlgorithm(client, podName, algorithm);
      for (const fraction of settings.loads) {
        await pause(SETTLE_MS);
        const rate = Math.max(0.1, capacity.okPerSecond * fraction);
        output.err(
          `${podName} ${algorithm} at ${(fraction * 100).toFixed(0)} % of capacity: ${rate.toFixed(1)} req/s for ${settings.durationS} s…`,
        );
        const start = await readPod(client, podName);
        const result = await runLoad({
          target: [{ name: podName, url, weight: 1 }],
          schedule: poisson(rate, settings.seed),
          durationMs: settings.durationS * 1000,
          seed: settings.seed,
          onProgress: settings.progress ? (p) => output.err(progressLine(p)) : undefined,
        });
        const end = await readPodOnceCounted(client, podName, start, held.nodes, result.sent);
        const nodes = sharesBetween(start, end, held.nodes);
        runs.push({
          algorithm,
          loadFraction: fraction,
          targetRatePerSecond: rate,
          result,
          nodes,
          balancerCounted: nodes.reduce((sum, n) => sum + n.requests, 0),
          warnings: loadWarnings(result),
        });
      }
    }
    return {
      pod: podName,
      cpus: held.pod.cpus,
      job: held.pod.job,
      nodes: held.nodes,
      capacity: {
        ...capacity,
        algorithm: held.pod.algorithm,
        nodes: capacityNodes,
        balancerCounted: capacityNodes.reduce((sum, n) => sum + n.requests, 0),
      },
      runs,
    };
  } finally {
    await held.restore();
  }
}

/**
 * The course experiment, done right: per pod, its capacity measured first, then per algorithm a Poisson
 * load at set shares of it; per node the share of requests and CPU the cloud itself counted.
 */
export async function runLbExperiment(
  client: StratoClient,
  output: Output,
  settings: LbExperimentSettings,
): Promise<LbExperimentReport> {
  const startedAt = new Date().toISOString();
  const lb = await unwrap(client.GET('/api/v1/lb'));
  const pods: LbPodResult[] = [];
  for (const pod of settings.pods) pods.push(await experimentOnPod(client, output, lb.url, pod, settings));
  return {
    kind: 'experiment-lb',
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    balancer: { kind: lb.kind, url: lb.url },
    settings: {
      pods: settings.pods,
      algorithms: settings.algorithms,
      nodes: settings.nodes ?? null,
      loads: settings.loads,
      durationS: settings.durationS,
      capacityS: settings.capacityS,
      seed: settings.seed,
    },
    loadModel: LOAD_MODEL,
    latencyFrom: LATENCY_FROM,
    pods,
  };
}
