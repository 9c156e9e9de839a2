import {
  type ArrivalSchedule,
  InvalidLoadOptionsError,
  type RatePhase,
  rateProfile,
  type TraceKind,
  traceSchedule,
  varyingPoisson,
} from '@strato/loadgen';
import { readFileSync } from 'node:fs';
import { CommandFailedError, EXIT } from '../../exit-codes';

/** A simulation is bounded: at most an hour, at most 20,000 requests/s at any time. */
export const MAX_DURATION_S = 3600;
export const MAX_RATE = 20_000;

export interface LoadSpecOptions {
  rate?: number;
  duration?: number;
  phase?: string[];
  trace?: string;
  traceKind?: TraceKind;
  seed: number;
}

export const PHASE_FORMS = [
  'constant:RATE:SECONDS',
  'ramp:FROM:TO:SECONDS',
  'spike:BASE:PEAK:AT:LENGTH:SECONDS',
  'sine:MEAN:AMPLITUDE:PERIOD:SECONDS',
];

const usage = (message: string): CommandFailedError => new CommandFailedError(message, EXIT.usage);

/** One `--phase`, e.g. `ramp:10:200:30` (rates in requests/s, times in seconds). */
export function parsePhase(spec: string): RatePhase {
  const [kind, ...fields] = spec.split(':');
  const numbers = fields.map(Number);
  const form = PHASE_FORMS.find((f) => f.startsWith(`${kind}:`));
  if (!form) throw usage(`unknown phase "${spec}": give one of ${PHASE_FORMS.join(', ')}`);
  if (numbers.length !== form.split(':').length - 1 || numbers.some((n) => !Number.isFinite(n)))
    throw usage(`phase "${spec}" is not of the form ${form} (numbers: rates in requests/s, times in s)`);
  const ms = (s: number) => s * 1000;
  switch (kind) {
    case 'constant':
      return { kind, rate: numbers[0], durationMs: ms(numbers[1]) };
    case 'ramp':
      return { kind, from: numbers[0], to: numbers[1], durationMs: ms(numbers[2]) };
    case 'spike':
      return {
        kind,
        base: numbers[0],
        peak: numbers[1],
        atMs: ms(numbers[2]),
        spikeMs: ms(numbers[3]),
        durationMs: ms(numbers[4]),
      };
    default:
      return {
        kind: 'sine',
        mean: numbers[0],
        amplitude: numbers[1],
        periodMs: ms(numbers[2]),
        durationMs: ms(numbers[3]),
      };
  }
}

function phasesOf(options: LoadSpecOptions): RatePhase[] {
  if (options.phase?.length) {
    if (options.rate !== undefined || options.duration !== undefined)
      throw usage('give --phase, or --rate with --duration, not both');
    return options.phase.map(parsePhase);
  }
  if (options.rate === undefined || options.duration === undefined)
    throw usage('say how much load: --rate R --duration S, one or more --phase, or --trace FILE');
  if (!(options.rate > 0)) throw usage(`--rate must be above 0 requests/s, got ${options.rate}`);
  return [{ kind: 'constant', rate: options.rate, durationMs: options.duration * 1000 }];
}

function bounded(schedule: ArrivalSchedule, peak: number | undefined): ArrivalSchedule {
  const seconds = (schedule.durationMs ?? 0) / 1000;
  if (seconds > MAX_DURATION_S)
    throw usage(`the simulation would last ${seconds} s; at most ${MAX_DURATION_S} s, split it into runs`);
  if (peak !== undefined && peak > MAX_RATE)
    throw usage(`the load would reach ${peak} requests/s; at most ${MAX_RATE}`);
  if (peak === 0) throw usage('the load never rises above 0 requests/s: nothing would be sent');
  return schedule;
}

/** When the simulated users send, from the options: Poisson arrivals (seeded) or a trace's own times. */
export function scheduleOf(options: LoadSpecOptions): ArrivalSchedule {
  try {
    if (options.trace !== undefined) {
      if (options.phase?.length || options.rate !== undefined)
        throw usage('give --trace, or --rate/--phase, not both');
      let text: string;
      try {
        text = readFileSync(options.trace, 'utf8');
      } catch (error) {
        throw usage(
          `cannot read the trace ${options.trace}: ${(error as NodeJS.ErrnoException).code ?? error}`,
        );
      }
      const schedule = traceSchedule(options.traceKind ?? 'timestamps', text, options.seed, options.trace);
      return bounded(schedule, undefined);
    }
    const profile = rateProfile(phasesOf(options));
    return bounded(varyingPoisson(profile, options.seed), profile.maxRate);
  } catch (error) {
    if (error instanceof InvalidLoadOptionsError) throw usage(error.message);
    throw error;
  }
}
