import {
  demandAt,
  elasticityWarnings,
  measureElasticity,
  type NodeSample,
  type RunShape,
} from './elasticity-measures';

// 10 req/s per node; 10/s for 10 s, 30/s for 10 s, 10/s for 10 s: demand 1, 3, 1 nodes.
const shape: RunShape = {
  riseS: 10,
  fallS: 20,
  durationS: 30,
  rateAt: (s) => (s >= 10 && s < 20 ? 30 : 10),
  perNodeCapacity: 10,
  minNodes: 1,
  maxNodes: 4,
};
const slo = (p99BySecond: (number | null)[], overSlo = 0, intended = 600) => ({
  sloMs: 100,
  p99BySecond,
  overSlo,
  intended,
});
const sample = (atS: number, serving: number, running = serving): NodeSample => ({ atS, serving, running });

describe('measureElasticity', () => {
  it('gives demand as just enough nodes at their capacity, within the bounds', () => {
    expect([demandAt(shape, 5), demandAt(shape, 15)]).toEqual([1, 3]);
    expect(demandAt({ ...shape, rateAt: () => 100 }, 0)).toBe(4);
    expect(demandAt({ ...shape, rateAt: () => 0 }, 0)).toBe(1);
  });

  it('a perfect policy: no under- or over-provisioning, reaction 0, cost = demand', () => {
    const m = measureElasticity([sample(0, 1), sample(10, 3), sample(20, 1)], shape, slo([10, 10]));
    expect(m).toMatchObject({
      scaleOutReactionS: 0,
      scaleInReactionS: 0,
      peakNodes: 3,
      directionChanges: 1,
      underProvisioning: { nodes: 0, timeShare: 0 },
      overProvisioning: { nodes: 0, timeShare: 0 },
      secondsOverSlo: 0,
    });
    expect(m.nodeSeconds).toBeCloseTo(50);
  });

  it('a late, overshooting policy: reaction times, missing then extra nodes, flapping, seconds over the SLO', () => {
    const samples = [
      sample(0, 1),
      sample(14, 1, 3), // two nodes booting: they cost, they do not serve yet
      sample(16, 3),
      sample(18, 4),
      sample(25, 2),
      sample(27, 3),
    ];
    const m = measureElasticity(samples, shape, slo([5, 500, 600, null, 20], 150));
    expect(m.scaleOutReactionS).toBe(6);
    expect(m.scaleInReactionS).toBe(5);
    expect(m.nodeSeconds).toBeCloseTo(14 * 1 + 2 * 3 + 2 * 3 + 7 * 4 + 2 * 2 + 3 * 3);
    expect(m.peakNodes).toBe(4);
    // 3→4 up, 4→2 down, 2→3 up: two reversals (1→3 and 3→4 are one direction).
    expect(m.directionChanges).toBe(2);
    // Missing 2 nodes from 10 s to 16 s: 12 node-seconds over 30 s.
    expect(m.underProvisioning.nodes).toBeCloseTo(12 / 30);
    expect(m.underProvisioning.timeShare).toBeCloseTo(6 / 30);
    // Extra: 1 from 18 to 20, 3 from 20 to 25, 1 from 25 to 27, 2 from 27 to 30.
    expect(m.overProvisioning.nodes).toBeCloseTo((2 + 15 + 2 + 6) / 30);
    expect(m.overProvisioning.timeShare).toBeCloseTo(12 / 30);
    expect(m.secondsOverSlo).toBe(2);
    expect(m).toMatchObject({ requestsOverSlo: 150, requestsOverSloShare: 0.25 });
  });

  it('never scaled: no reaction time', () => {
    const m = measureElasticity([sample(0, 1)], shape, slo([], 0, 0));
    expect(m).toMatchObject({ scaleOutReactionS: null, scaleInReactionS: null, requestsOverSloShare: 0 });
    expect(m.nodeSeconds).toBeCloseTo(30);
  });

  it('scaled out at the base load: the reaction counts from there (none at the maximum), and a warning says what to change', () => {
    const early = [sample(0, 1), sample(5, 3), sample(12, 4)];
    expect(measureElasticity(early, shape, slo([])).scaleOutReactionS).toBe(2);
    expect(elasticityWarnings(early, shape)).toEqual([
      expect.stringMatching(
        /^3 nodes were serving before the load rose, more than --min-nodes 1: .*lower --base/,
      ),
    ]);
    const atMax = [sample(0, 1), sample(5, 4), sample(12, 4)];
    expect(measureElasticity(atMax, shape, slo([])).scaleOutReactionS).toBeNull();
    expect(elasticityWarnings(atMax, shape)).toHaveLength(1);
    expect(elasticityWarnings([sample(0, 1), sample(12, 3)], shape)).toEqual([]);
    expect(elasticityWarnings([], shape)).toEqual([]);
  });
});
