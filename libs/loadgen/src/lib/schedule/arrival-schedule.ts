import { InvalidLoadOptionsError } from '../errors/invalid-load-options.error';

/** When requests are meant to be sent, independent of when (or whether) earlier ones are answered. */
export interface ArrivalSchedule {
  /** Human label, e.g. `poisson 200/s (seed 7)`. */
  readonly label: string;
  /** Set when the schedule ends by itself (`steps`); undefined when it runs until the run's bounds. */
  readonly durationMs?: number;
  /** Intended send times in ms from the start, ascending. Each call replays the same times. */
  offsets(): Iterator<number>;
}

export interface ScheduleBounds {
  durationMs?: number;
  maxCount?: number;
}

/** The intended send times within the bounds: the plan, without sending anything. */
export function takeOffsets(schedule: ArrivalSchedule, bounds: ScheduleBounds = {}): number[] {
  const { durationMs, maxCount } = bounds;
  if (durationMs === undefined && maxCount === undefined && schedule.durationMs === undefined) {
    throw new InvalidLoadOptionsError(`schedule "${schedule.label}" is endless: give durationMs or maxCount`);
  }
  const taken: number[] = [];
  const iterator = schedule.offsets();
  while (maxCount === undefined || taken.length < maxCount) {
    const next = iterator.next();
    if (next.done || (durationMs !== undefined && next.value >= durationMs)) break;
    taken.push(next.value);
  }
  return taken;
}

export function assertRate(ratePerSecond: number): void {
  if (!Number.isFinite(ratePerSecond) || ratePerSecond < 0) {
    throw new InvalidLoadOptionsError(`rate must be a finite number >= 0, got ${ratePerSecond}`);
  }
}
