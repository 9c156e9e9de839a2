import { decide } from '../lib/decide';
import { initialScalingState } from '../lib/state';
import type { MetricSample, ScaleEvent, ScalingPolicy } from '../lib/types';
import { FakeClock, seededRandom } from './fake-clock';

export interface Simulation {
  policy: ScalingPolicy;
  /** Pod-wide load in metric units at time t, e.g. 140 = two nodes at 70 % CPU. */
  load: (t: number) => number;
  startNodes: number;
  durationMs: number;
  tickMs?: number;
  /** A new node is NEW (not ready) this long after the decision that asked for it. */
  launchMs?: number;
  /** ± fraction applied to every sample. */
  jitter?: number;
  seed?: number;
  /** A node's metric saturates here (100 % of its CPU cap). */
  capPerNode?: number;
  /** Stamp each sample with the ready-node count it was averaged over (default true). */
  countNodes?: boolean;
}

export interface SimulationResult {
  events: ScaleEvent[];
  nodesAt: (t: number) => number;
  finalNodes: number;
  peakNodes: number;
}

/**
 * A pod under a given load, driven tick by tick with a fake clock, the way the manager drives
 * `decide`: per-ready-node samples, new nodes ready after a launch delay, the youngest removed first.
 */
export function simulate(sim: Simulation): SimulationResult {
  const { tickMs = 1_000, launchMs = 2_000, jitter = 0, capPerNode = Infinity, countNodes = true } = sim;
  const clock = new FakeClock(0);
  const random = seededRandom(sim.seed ?? 1);
  let readyAt: number[] = Array.from({ length: sim.startNodes }, () => -Infinity);
  let samples: MetricSample[] = [];
  let state = initialScalingState();
  const events: ScaleEvent[] = [];
  const history: { at: number; nodes: number }[] = [];

  for (let now = clock.now; now <= sim.durationMs; now = clock.advance(tickMs)) {
    const ready = readyAt.filter((at) => at <= now).length;
    if (ready > 0) {
      const noisy = sim.load(now) * (1 + jitter * (2 * random() - 1));
      const sample = {
        at: now,
        value: Math.min(capPerNode, noisy / ready),
        nodes: countNodes ? ready : undefined,
      };
      samples = [...samples.filter((s) => s.at > now - 60_000), sample];
    }
    const decision = decide({
      policy: sim.policy,
      samples,
      currentNodes: readyAt.length,
      readyNodes: ready,
      now,
      state,
    });
    state = decision.state;
    const from = readyAt.length;
    const to = decision.desiredNodes;
    if (to > from) readyAt = [...readyAt, ...Array.from({ length: to - from }, () => now + launchMs)];
    if (to < from) readyAt = [...readyAt].sort((a, b) => a - b).slice(0, to);
    if (to !== from) events.push({ at: now, from, to });
    history.push({ at: now, nodes: readyAt.length });
  }
  const nodesAt = (t: number) => [...history].reverse().find((h) => h.at <= t)?.nodes ?? sim.startNodes;
  return { events, nodesAt, finalNodes: readyAt.length, peakNodes: Math.max(...history.map((h) => h.nodes)) };
}
