import { labelMapProblem } from '@strato/contracts';
import { InvalidArgumentError } from 'commander';

/** A finite number, for commander options. */
export function parseNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError('must be a number');
  return n;
}

/** Collects a repeated option's values. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `zone=a,disk=ssd` as labels; an empty string is no labels (any host). */
export function parseLabels(value: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new InvalidArgumentError(`"${pair}" is not KEY=VALUE`);
    labels[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const problem = labelMapProblem(labels);
  if (problem) throw new InvalidArgumentError(`labels ${problem}`);
  return labels;
}
