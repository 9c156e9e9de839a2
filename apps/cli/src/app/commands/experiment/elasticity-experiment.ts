import { type StratoClient, unwrap } from '@strato/api-client';
import { measureCapacity, rateProfile, runLoad, varyingPoisson } from '@strato/loadgen';
import { CommandFailedError, EXIT } from '../../exit-codes';
import type { Output } from '../../output';
import { loadWarnings, progressLine } from '../simulate/simulate-report';
import type {
  ElasticityExperimentReport,
  ElasticityRun,
  Scenario,
  ScenarioName,
} from './elasticity-experiment-report';
import { elasticityWarnings, measureElasticity, type NodeSample } from './elasticity-measures';
import { type NamedPolicy, type PolicyFields, POLICY_KEYS } from './elasticity-policies';
import { LATENCY_FROM } from './lb-experiment';
import { capacityUsers, launchUpTo, onlineNodes, removeAllBut, untilUpInBalancer } from './pod-nodes';

export interface ScenarioTimes {
  leadS: number;
  /** How long the peak lasts in a step, and in a spike. */
  stepS: number;
  spikeS: number;
  tailS: number;
}

export interface ElasticitySettings {
  pod: string;
  policies: NamedPolicy[];
  scenarios: ScenarioName[];
  /** Base and peak load, in nodes' worth of the measured per-node capacity. */
  base: number;
  peak: number;
  times: ScenarioTimes;
  minNodes: number;
  maxNodes: number;
  sloMs: number;
  capacityS: number;
  seed: number;
  progress: boolean;
}

const SAMPLE_EVERY_MS = 500;
const COSTING = ['STARTING', 'STANDBY', 'ONLINE', 'DRAINING'];

export const ELASTICITY_LOAD_MODEL =
  'open loop: Poisson arrivals (seeded) at a base rate, a peak from the rise to the fall, then the base again';
export const DEMAND_MODEL =
  'nodes needed = the intended rate divided by what one node serves (measured), rounded up, within the pod’s bounds';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function scenarioOf(
  name: ScenarioName,
  baseRate: number,
  peakRate: number,
  t: ScenarioTimes,
): Scenario {
  const peakS = name === 'step' ? t.stepS : t.spikeS;
  return {
    name,
    baseRate,
    peakRate,
    riseS: t.leadS,
    fallS: t.leadS + peakS,
    durationS: t.leadS + peakS + t.tailS,
  };
}

function profileOf(s: Scenario) {
  return rateProfile([
    { kind: 'constant', rate: s.baseRate, durationMs: s.riseS * 1000 },
    { kind: 'constant', rate: s.peakRate, durationMs: (s.fallS - s.riseS) * 1000 },
    { kind: 'constant', rate: s.baseRate, durationMs: (s.durationS - s.fallS) * 1000 },
  ]);
}

/** Polls the pod's node counts until stopped: serving (ONLINE) and costing. */
function sampleNodes(client: StratoClient, pod: string, startedAt: () => number | undefined) {
  const samples: NodeSample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const counts = (await unwrap(client.GET('/api/v1/pods/{pod}', { params: { path: { pod } } })))
        .nodeCounts;
      const start = startedAt();
      if (start !== undefined)
        samples.push({
          atS: (Date.now() - start) / 1000,
          serving: counts['ONLINE'] ?? 0,
          running: COSTING.reduce((sum, status) => sum + (counts[status] ?? 0), 0),
        });
      await pause(SAMPLE_EVERY_MS);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return samples;
    },
  };
}

/**
 * Elasticity, measured: per scenario (a step, a spike) and policy, the pod starts from minNodes with the
 * policy on, takes the load, and is judged by reaction time, cost in node-seconds, time over the SLO,
 * direction changes, and under- and over-provisioning against the nodes the load needed.
 */
export async function runElasticityExperiment(
  client: StratoClient,
  output: Output,
  settings: ElasticitySettings,
): Promise<ElasticityExperimentReport> {
  const say = (line: string) => output.err(line);
  const startedAt = new Date().toISOString();
  const { pod: podName, minNodes, maxNodes } = settings;
  const pod = await unwrap(client.GET('/api/v1/pods/{pod}', { params: { path: { pod: podName } } }));
  const lb = await unwrap(client.GET('/api/v1/lb'));
  const original = await unwrap(
    client.GET('/api/v1/pods/{pod}/elasticity', { params: { path: { pod: podName } } }),
  );
  const ownersNodes = await unwrap(client.GET('/api/v1/nodes', { params: { query: { pod: podName } } }));
  const owners = new Set(ownersNodes.map((n) => n.name));
  const online = ownersNodes.filter((n) => n.status === 'ONLINE').length;
  if (online > minNodes)
    throw new CommandFailedError(
      `pod ${podName} has ${online} ONLINE nodes and each run starts from --min-nodes ${minNodes}; remove some (cloud rm NODE) or give --min-nodes ${online}`,
      EXIT.usage,
    );
  /** The owner's nodes and those launched to reach minNodes: every run starts from these. */
  const baseline = new Set(owners);
  const setElasticity = (body: PolicyFields & { enabled: boolean }) =>
    unwrap(client.PUT('/api/v1/pods/{pod}/elasticity', { params: { path: { pod: podName } }, body }));
  /** minNodes ONLINE, nothing else, elasticity off. */
  const resetPod = async () => {
    await setElasticity({ enabled: false });
    await removeAllBut(client, podName, baseline, say);
    for (const node of await launchUpTo(client, podName, minNodes, say)) baseline.add(node);
    await untilUpInBalancer(client, podName, await onlineNodes(client, podName));
  };
  try {
    await resetPod();
    const url = `${lb.url}/${podName}`;
    const concurrency = await capacityUsers(client, podName, await onlineNodes(client, podName));
    say(
      `${podName}: measuring what ${minNodes} node(s) serve, in a closed loop for ${settings.capacityS} s…`,
    );
    const measured = await measureCapacity({
      url,
      concurrency,
      durationMs: settings.capacityS * 1000,
    });
    const perNode = measured.okPerSecond / minNodes;
    say(`${podName}: one node serves ${perNode.toFixed(1)} req/s`);
    const runs: ElasticityRun[] = [];
    for (const name of settings.scenarios) {
      const scenario = scenarioOf(name, settings.base * perNode, settings.peak * perNode, settings.times);
      for (const policy of settings.policies) {
        await resetPod();
        const fields: PolicyFields = {
          ...policy.fields,
          ...(policy.targetOfCapacity ? { target: policy.targetOfCapacity * perNode } : {}),
          minNodes,
          maxNodes,
        };
        await setElasticity({ ...fields, enabled: true });
        say(
          `${podName} ${name} with policy ${policy.name}: ${scenario.baseRate.toFixed(0)} → ${scenario.peakRate.toFixed(0)} → ${scenario.baseRate.toFixed(0)} req/s over ${scenario.durationS} s…`,
        );
        const loadStart = Date.now();
        const poller = sampleNodes(client, podName, () => loadStart);
        const result = await runLoad({
          target: [{ name: podName, url, weight: 1 }],
          schedule: varyingPoisson(profileOf(scenario), settings.seed),
          seed: settings.seed,
          sloMs: settings.sloMs,
          onProgress: settings.progress ? (p) => say(progressLine(p)) : undefined,
        });
        const samples = await poller.stop();
        const profile = profileOf(scenario);
        const shape = {
          riseS: scenario.riseS,
          fallS: scenario.fallS,
          durationS: scenario.durationS,
          rateAt: (s: number) => profile.rateAt(s * 1000),
          perNodeCapacity: perNode,
          minNodes,
          maxNodes,
        };
        const measures = measureElasticity(samples, shape, {
          sloMs: settings.sloMs,
          p99BySecond: result.timeline.map((b) => b.p99Ms),
          overSlo: result.overSlo ?? 0,
          intended: result.intended,
        });
        runs.push({
          policy: policy.name,
          fields,
          scenario,
          result,
          samples,
          measures,
          warnings: [...loadWarnings(result), ...elasticityWarnings(samples, shape)],
        });
      }
    }
    return {
      kind: 'experiment-elasticity',
      version: 1,
      startedAt,
      finishedAt: new Date().toISOString(),
      balancer: { kind: lb.kind, url: lb.url },
      pod: { name: pod.name, cpus: pod.cpus, job: pod.job },
      settings: {
        minNodes,
        maxNodes,
        sloMs: settings.sloMs,
        seed: settings.seed,
        base: settings.base,
        peak: settings.peak,
      },
      capacity: { ...measured, nodes: minNodes, perNodePerSecond: perNode },
      loadModel: ELASTICITY_LOAD_MODEL,
      latencyFrom: LATENCY_FROM,
      demandModel: DEMAND_MODEL,
      runs,
    };
  } finally {
    say(`giving pod ${podName} back its own elasticity settings…`);
    await setElasticity({ enabled: false }).catch(() => undefined);
    await removeAllBut(client, podName, owners, say).catch((error: Error) =>
      say(`could not remove: ${error.message}`),
    );
    const policy = original.policy as Record<string, unknown>;
    const back = Object.fromEntries(POLICY_KEYS.filter((k) => k in policy).map((k) => [k, policy[k]]));
    await setElasticity({ ...(back as PolicyFields), enabled: original.enabled });
  }
}
