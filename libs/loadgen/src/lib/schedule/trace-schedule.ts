import { InvalidLoadOptionsError } from '../errors/invalid-load-options.error';
import type { ArrivalSchedule } from './arrival-schedule';
import { rateProfile } from './rate-phases';
import { varyingPoisson } from './varying-poisson';

/**
 * A trace as a CSV file holds it: one value per line, the first column, `#` comments and a header line
 * (any line whose first field is not a number) skipped.
 * - `timestamps`: send times in seconds from the first (absolute epoch seconds work too: the first one
 *   is time 0), replayed as they are: the trace is the schedule.
 * - `rates`: requests per second, one line per second, replayed as a Poisson process at that rate
 *   within each second.
 */
export type TraceKind = 'timestamps' | 'rates';

export function parseTraceValues(text: string, source = 'the trace'): number[] {
  const values: number[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const field = line.split(',')[0].trim();
    const value = Number(field);
    if (field === '' || !Number.isFinite(value)) {
      if (values.length === 0) continue; // a header
      throw new InvalidLoadOptionsError(`${source}, line ${index + 1}: "${field}" is not a number`);
    }
    values.push(value);
  }
  if (values.length === 0) throw new InvalidLoadOptionsError(`${source} holds no value`);
  return values;
}

export function timestampTrace(seconds: readonly number[], source = 'the trace'): ArrivalSchedule {
  for (let i = 1; i < seconds.length; i++)
    if (seconds[i] < seconds[i - 1])
      throw new InvalidLoadOptionsError(
        `${source}: timestamps must not go back (${seconds[i]} after ${seconds[i - 1]}, value ${i + 1})`,
      );
  const offsets = seconds.map((s) => (s - seconds[0]) * 1000);
  return {
    label: `trace of ${offsets.length} timestamps over ${(offsets.at(-1) ?? 0) / 1000} s (${source})`,
    // One past the last send, so the run does not end before it.
    durationMs: (offsets.at(-1) ?? 0) + 1,
    *offsets() {
      yield* offsets;
    },
  };
}

export function rateTrace(rates: readonly number[], seed: number, source = 'the trace'): ArrivalSchedule {
  const phases = rates.map((rate, i) => {
    if (!Number.isFinite(rate) || rate < 0)
      throw new InvalidLoadOptionsError(`${source}: rate ${rate} at second ${i} must be >= 0`);
    return { kind: 'constant' as const, rate, durationMs: 1000 };
  });
  const schedule = varyingPoisson(rateProfile(phases), seed);
  return {
    ...schedule,
    label: `trace of ${rates.length} per-second rates (${source}), poisson (seed ${seed})`,
  };
}

export function traceSchedule(kind: TraceKind, text: string, seed: number, source?: string): ArrivalSchedule {
  const values = parseTraceValues(text, source);
  return kind === 'timestamps' ? timestampTrace(values, source) : rateTrace(values, seed, source);
}
