import type { JobKind } from '@strato/contracts';

/**
 * The work each pod's job does. Sized for the pod's caps: a light job takes a few milliseconds of CPU,
 * a medium job some tens of milliseconds plus 32 MiB of memory (well inside medium's 300 MiB), a heavy
 * job about two seconds of CPU (more under heavy's 0.8 CPU cap).
 */
export interface Workload {
  primesBelow: number;
  memoryMiB: number;
}

export const WORKLOADS: Readonly<Record<JobKind, Workload>> = {
  light: { primesBelow: 30_000, memoryMiB: 0 },
  medium: { primesBelow: 300_000, memoryMiB: 32 },
  heavy: { primesBelow: 6_000_000, memoryMiB: 16 },
};

/** Counts primes below `limit` by trial division: deliberately CPU-bound, deterministic. */
export function countPrimes(limit: number): number {
  let count = 0;
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

/** Touches every page of a buffer so the memory is really resident, then lets it go. */
export function touchMemory(mebibytes: number): number {
  if (mebibytes <= 0) return 0;
  const buffer = Buffer.alloc(mebibytes * 1024 * 1024);
  for (let i = 0; i < buffer.length; i += 4096) buffer[i] = i & 0xff;
  return buffer.length;
}

export function runWorkload(workload: Workload, scale: number): number {
  touchMemory(Math.round(workload.memoryMiB * Math.min(scale, 1)));
  return countPrimes(Math.max(2, Math.round(workload.primesBelow * scale)));
}
