import { InvalidLoadOptionsError } from '../errors/invalid-load-options.error';
import { assertRate } from './arrival-schedule';

/** A stretch of load whose intended rate (requests/s) is a function of the time into it. */
export type RatePhase =
  | { kind: 'constant'; rate: number; durationMs: number }
  | { kind: 'ramp'; from: number; to: number; durationMs: number }
  /** `base`, then `peak` for `spikeMs` starting `atMs` into the phase, then `base` again. */
  | { kind: 'spike'; base: number; peak: number; atMs: number; spikeMs: number; durationMs: number }
  | { kind: 'sine'; mean: number; amplitude: number; periodMs: number; durationMs: number };

/** Phases back to back: the rate at any time of the run, its highest value, and where it ends. */
export interface RateProfile {
  readonly durationMs: number;
  readonly maxRate: number;
  rateAt(atMs: number): number;
  readonly label: string;
}

function rateIn(phase: RatePhase, t: number): number {
  switch (phase.kind) {
    case 'constant':
      return phase.rate;
    case 'ramp':
      return phase.from + ((phase.to - phase.from) * t) / phase.durationMs;
    case 'spike':
      return t >= phase.atMs && t < phase.atMs + phase.spikeMs ? phase.peak : phase.base;
    case 'sine':
      return phase.mean + phase.amplitude * Math.sin((2 * Math.PI * t) / phase.periodMs);
  }
}

function highest(phase: RatePhase): number {
  switch (phase.kind) {
    case 'constant':
      return phase.rate;
    case 'ramp':
      return Math.max(phase.from, phase.to);
    case 'spike':
      return Math.max(phase.base, phase.peak);
    case 'sine':
      return phase.mean + Math.abs(phase.amplitude);
  }
}

export function describePhase(phase: RatePhase): string {
  const s = `${phase.durationMs / 1000} s`;
  switch (phase.kind) {
    case 'constant':
      return `${phase.rate}/s for ${s}`;
    case 'ramp':
      return `ramp ${phase.from}→${phase.to}/s over ${s}`;
    case 'spike':
      return `${phase.base}/s with a spike to ${phase.peak}/s at ${phase.atMs / 1000} s for ${phase.spikeMs / 1000} s, ${s} in all`;
    case 'sine':
      return `sine ${phase.mean}±${phase.amplitude}/s, period ${phase.periodMs / 1000} s, for ${s}`;
  }
}

function check(phase: RatePhase, index: number): void {
  const where = `phase ${index + 1} (${phase.kind})`;
  if (!(phase.durationMs > 0) || !Number.isFinite(phase.durationMs))
    throw new InvalidLoadOptionsError(`${where}: duration must be > 0, got ${phase.durationMs} ms`);
  const rates =
    phase.kind === 'constant'
      ? [phase.rate]
      : phase.kind === 'ramp'
        ? [phase.from, phase.to]
        : phase.kind === 'spike'
          ? [phase.base, phase.peak]
          : [phase.mean, phase.mean - Math.abs(phase.amplitude)];
  for (const rate of rates) {
    try {
      assertRate(rate);
    } catch {
      throw new InvalidLoadOptionsError(`${where}: rates must be finite and >= 0, got ${rate}`);
    }
  }
  if (phase.kind === 'spike' && (phase.atMs < 0 || !(phase.spikeMs > 0)))
    throw new InvalidLoadOptionsError(`${where}: the spike needs a start >= 0 and a length > 0`);
  if (phase.kind === 'sine' && !(phase.periodMs > 0))
    throw new InvalidLoadOptionsError(`${where}: the period must be > 0`);
}

export function rateProfile(phases: readonly RatePhase[]): RateProfile {
  if (phases.length === 0) throw new InvalidLoadOptionsError('a load profile needs at least one phase');
  phases.forEach(check);
  const starts: number[] = [];
  let end = 0;
  for (const phase of phases) {
    starts.push(end);
    end += phase.durationMs;
  }
  return {
    durationMs: end,
    maxRate: Math.max(...phases.map(highest)),
    label: phases.map(describePhase).join(' → '),
    rateAt(atMs) {
      if (atMs < 0 || atMs >= end) return 0;
      let i = starts.length - 1;
      while (starts[i] > atMs) i--;
      return rateIn(phases[i], atMs - starts[i]);
    },
  };
}
