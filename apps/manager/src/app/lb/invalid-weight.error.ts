export const MAX_WEIGHT = 256;

/** A weight outside HAProxy's 0..256 (integers only). */
export class InvalidWeightError extends Error {
  readonly code = 'LB_INVALID_WEIGHT';
  constructor(readonly weight: number) {
    super(`weight must be an integer from 0 to ${MAX_WEIGHT}, got ${weight}`);
    this.name = 'InvalidWeightError';
  }
}

export function checkWeight(weight: number): number {
  if (!Number.isInteger(weight) || weight < 0 || weight > MAX_WEIGHT) throw new InvalidWeightError(weight);
  return weight;
}
