import { ArrivalSchedule, assertRate } from './arrival-schedule';
import { mulberry32 } from './prng';
import { InvalidLoadOptionsError } from '../errors/invalid-load-options.error';

/** Evenly spaced arrivals: request k is due at exactly k × 1000 / rate ms. */
export function constant(ratePerSecond: number): ArrivalSchedule {
  assertRate(ratePerSecond);
  const gapMs = 1000 / ratePerSecond;
  return {
    label: `constant ${ratePerSecond}/s`,
    *offsets() {
      if (ratePerSecond === 0) return;
      // k × gap rather than a running sum, so float error does not drift over long runs.
      for (let k = 0; ; k++) yield k * gapMs;
    },
  };
}

/** A Poisson process: exponential inter-arrival times with mean 1000 / rate ms, from a seeded PRNG. */
export function poisson(ratePerSecond: number, seed: number): ArrivalSchedule {
  assertRate(ratePerSecond);
  return {
    label: `poisson ${ratePerSecond}/s (seed ${seed})`,
    *offsets() {
      if (ratePerSecond === 0) return;
      const random = mulberry32(seed);
      let at = 0;
      for (;;) {
        // Inverse-CDF sampling; 1 - u lies in (0, 1], so the log is finite.
        at += (-Math.log(1 - random()) * 1000) / ratePerSecond;
        yield at;
      }
    },
  };
}

export interface StepPhase {
  rate: number;
  durationMs: number;
}

/** Builds the arrivals of one phase; the index lets Poisson phases take distinct seeds. */
export type PhaseArrivals = (ratePerSecond: number, phaseIndex: number) => ArrivalSchedule;

/** Phases played back to back (e.g. low → high → low); ends after the last phase. */
export function steps(phases: readonly StepPhase[], arrivals: PhaseArrivals = constant): ArrivalSchedule {
  if (phases.length === 0) throw new InvalidLoadOptionsError('steps needs at least one phase');
  for (const phase of phases) {
    assertRate(phase.rate);
    if (!(phase.durationMs > 0)) {
      throw new InvalidLoadOptionsError(`phase durationMs must be > 0, got ${phase.durationMs}`);
    }
  }
  const inner = phases.map((phase, index) => arrivals(phase.rate, index));
  return {
    label: `steps ${inner.map((s, i) => `${s.label} × ${phases[i].durationMs} ms`).join(' → ')}`,
    durationMs: phases.reduce((sum, phase) => sum + phase.durationMs, 0),
    *offsets() {
      let phaseStart = 0;
      for (const [index, phase] of phases.entries()) {
        const iterator = inner[index].offsets();
        for (
          let next = iterator.next();
          !next.done && next.value < phase.durationMs;
          next = iterator.next()
        ) {
          yield phaseStart + next.value;
        }
        phaseStart += phase.durationMs;
      }
    },
  };
}
