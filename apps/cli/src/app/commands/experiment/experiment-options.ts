import { CommandFailedError, EXIT } from '../../exit-codes';

/** An experiment is bounded: each run at most 10 minutes, all of its load at most an hour. */
export const MAX_RUN_S = 600;
export const MAX_TOTAL_S = 3600;
/** A capacity measurement warms the nodes up until their rate settles, at most this long (measureCapacity's default). */
export const MAX_WARM_UP_S = 15;

export const usage = (message: string) => new CommandFailedError(message, EXIT.usage);

export const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

export function between(name: string, value: number, min: number, max: number, whole = false): number {
  if (!(value >= min && value <= max) || (whole && !Number.isInteger(value)))
    throw usage(
      `${name} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}, got ${value}`,
    );
  return value;
}
