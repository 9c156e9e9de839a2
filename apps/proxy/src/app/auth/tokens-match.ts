import { timingSafeEqual } from 'node:crypto';

/** Compares in constant time, so the answer's timing tells nothing of the expected token. */
export function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
