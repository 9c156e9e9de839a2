import { InvalidArgumentError } from 'commander';

/** A finite number, for commander options. */
export function parseNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError('must be a number');
  return n;
}

/** Collects a repeated option's values. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
