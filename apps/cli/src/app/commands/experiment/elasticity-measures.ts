const STEPS_PER_SECOND = 20;

/** The pod's nodes at one moment of a run, polled from the manager. */
export interface NodeSample {
  /** Seconds since the run's load started. */
  atS: number;
  /** ONLINE: in the load balancer. */
  serving: number;
  /** Every node that costs: starting, warm (STANDBY), serving, draining. */
  running: number;
}

export interface ElasticityMeasures {
  /** From the load's rise to the first node more serving than before it; null: never scaled out. */
  scaleOutReactionS: number | null;
  /** From the load's fall to the first node fewer serving than at the peak; null: never scaled in. */
  scaleInReactionS: number | null;
  /** ∫ running nodes dt: what the run cost. */
  nodeSeconds: number;
  peakNodes: number;
  /** Seconds in which the p99 latency of the answers was over the SLO. */
  secondsOverSlo: number;
  /**
   * Requests that got no 2xx answer within the SLO (slow, failed or dropped), and their share of all.
   * Absent from reports saved before they were counted.
   */
  requestsOverSlo?: number;
  requestsOverSloShare?: number;
  /** Times the running node count turned from growing to shrinking or back. */
  directionChanges: number;
  /** Nodes missing (demand above serving), averaged over the run, and the share of the time any were. */
  underProvisioning: { nodes: number; timeShare: number };
  /** Serving nodes beyond the demand, averaged over the run, and the share of the time there were any. */
  overProvisioning: { nodes: number; timeShare: number };
}

/** What the load generator measured against the SLO. */
export interface SloReadings {
  sloMs: number;
  /** p99 latency of the answers in each second; null: none. */
  p99BySecond: (number | null)[];
  /** Requests that missed the SLO, of `intended`. */
  overSlo: number;
  intended: number;
}

export interface RunShape {
  /** s since start when the load rises to its peak, and when it falls back. */
  riseS: number;
  fallS: number;
  durationS: number;
  /** Requests/s intended at a time (s). */
  rateAt: (atS: number) => number;
  /** What one node serves at most, requests/s (measured). */
  perNodeCapacity: number;
  minNodes: number;
  maxNodes: number;
}

/** Nodes the load needs at a time: just enough at their measured capacity, within the pod's bounds. */
export function demandAt(shape: RunShape, atS: number): number {
  const needed = Math.ceil(shape.rateAt(atS) / shape.perNodeCapacity - 1e-9);
  return Math.min(shape.maxNodes, Math.max(shape.minNodes, needed));
}

function firstAfter(samples: NodeSample[], fromS: number, test: (s: NodeSample) => boolean): number | null {
  const hit = samples.find((s) => s.atS >= fromS && test(s));
  return hit ? hit.atS - fromS : null;
}

function directionChanges(samples: NodeSample[]): number {
  let last = 0;
  let changes = 0;
  for (let i = 1; i < samples.length; i++) {
    const step = Math.sign(samples[i].running - samples[i - 1].running);
    if (step === 0) continue;
    if (last !== 0 && step !== last) changes++;
    last = step;
  }
  return changes;
}

/** Serving nodes at the last sample before the load rose; minNodes when none was taken. */
function servingBeforeRise(sorted: NodeSample[], shape: RunShape): number {
  return sorted.filter((s) => s.atS < shape.riseS).at(-1)?.serving ?? shape.minNodes;
}

/** What makes a run's scale-out reaction mean less than it seems, said so the report does not only show a number or a dash. */
export function elasticityWarnings(samples: NodeSample[], shape: RunShape): string[] {
  const before = servingBeforeRise(
    [...samples].sort((a, b) => a.atS - b.atS),
    shape,
  );
  if (before <= shape.minNodes) return [];
  return [
    `${before} nodes were serving before the load rose, more than --min-nodes ${shape.minNodes}: the policy scaled out at the base load, so the scale-out reaction counts from ${before} nodes (none if it grew no further); lower --base or give the policy a higher target`,
  ];
}

/**
 * The measures the autoscaling literature judges policies by (Herbst et al., "Elasticity in Cloud
 * Computing: What It Is, and What It Is Not"; SPEC RG's accuracy and timeshare of under- and
 * over-provisioning), from polled node samples: each sample holds until the next one.
 */
export function measureElasticity(
  samples: NodeSample[],
  shape: RunShape,
  slo: SloReadings,
): ElasticityMeasures {
  const sorted = [...samples].sort((a, b) => a.atS - b.atS);
  const before = servingBeforeRise(sorted, shape);
  const peakServing = Math.max(0, ...sorted.filter((s) => s.atS <= shape.fallS).map((s) => s.serving));
  let nodeSeconds = 0;
  let under = 0;
  let underTime = 0;
  let over = 0;
  let overTime = 0;
  let covered = 0;
  // Small steps, so a change of demand inside a sample's interval (the load's rise) is counted where it is.
  let current = 0;
  const steps = Math.ceil(shape.durationS * STEPS_PER_SECOND);
  for (let i = 0; i < steps; i++) {
    const t = i / STEPS_PER_SECOND;
    const dt = Math.min(1 / STEPS_PER_SECOND, shape.durationS - t);
    while (current + 1 < sorted.length && sorted[current + 1].atS <= t) current++;
    const now = sorted[current];
    if (!now) break;
    covered += dt;
    nodeSeconds += now.running * dt;
    const gap = demandAt(shape, t + dt / 2) - now.serving;
    if (gap > 0) {
      under += gap * dt;
      underTime += dt;
    } else if (gap < 0) {
      over += -gap * dt;
      overTime += dt;
    }
  }
  const per = (x: number) => (covered === 0 ? 0 : x / covered);
  return {
    scaleOutReactionS: firstAfter(sorted, shape.riseS, (s) => s.serving > before),
    scaleInReactionS:
      peakServing > shape.minNodes ? firstAfter(sorted, shape.fallS, (s) => s.serving < peakServing) : null,
    nodeSeconds,
    peakNodes: Math.max(0, ...sorted.map((s) => s.running)),
    secondsOverSlo: slo.p99BySecond.filter((p) => p !== null && p > slo.sloMs).length,
    requestsOverSlo: slo.overSlo,
    requestsOverSloShare: slo.intended === 0 ? 0 : slo.overSlo / slo.intended,
    directionChanges: directionChanges(sorted),
    underProvisioning: { nodes: per(under), timeShare: per(underTime) },
    overProvisioning: { nodes: per(over), timeShare: per(overTime) },
  };
}
