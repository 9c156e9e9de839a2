import type { BalanceAlgorithm } from '@strato/contracts';

export interface Candidate {
  id: string;
  weight: number;
  inFlight: number;
}

export interface PickContext {
  clientIp: string;
  /** Path without the query string (HAProxy `balance uri` hashes the same part). */
  path: string;
  random?: () => number;
}

/**
 * Chooses a server the way the HAProxy algorithm of the same name does. Keeps the round-robin position
 * between calls, so use one picker per pod. Weight-0 servers never get traffic (as in HAProxy).
 */
export class BalancePicker {
  private readonly current = new Map<string, number>();

  pick(algorithm: BalanceAlgorithm, all: readonly Candidate[], ctx: PickContext): Candidate | null {
    const candidates = all.filter((c) => c.weight > 0);
    if (candidates.length === 0) return null;
    switch (algorithm) {
      case 'roundrobin':
        return this.roundRobin(candidates);
      case 'leastconn':
        return this.roundRobin(leastLoaded(candidates));
      case 'first':
        return candidates[0];
      case 'random':
        return weightedRandom(candidates, ctx.random ?? Math.random);
      case 'source':
        return rendezvous(candidates, ctx.clientIp);
      case 'uri':
        return rendezvous(candidates, ctx.path);
    }
  }

  /** Smooth weighted round robin (as in nginx): weights 3:1 give a a b a, not a a a b. */
  private roundRobin(candidates: readonly Candidate[]): Candidate {
    const total = candidates.reduce((sum, c) => sum + c.weight, 0);
    let best = candidates[0];
    for (const c of candidates) {
      this.current.set(c.id, (this.current.get(c.id) ?? 0) + c.weight);
      if ((this.current.get(c.id) ?? 0) > (this.current.get(best.id) ?? 0)) best = c;
    }
    this.current.set(best.id, (this.current.get(best.id) ?? 0) - total);
    return best;
  }
}

function leastLoaded(candidates: readonly Candidate[]): Candidate[] {
  const load = (c: Candidate): number => c.inFlight / c.weight;
  const min = Math.min(...candidates.map(load));
  return candidates.filter((c) => load(c) === min);
}

function weightedRandom(candidates: readonly Candidate[], random: () => number): Candidate {
  let ticket = random() * candidates.reduce((sum, c) => sum + c.weight, 0);
  for (const c of candidates) {
    ticket -= c.weight;
    if (ticket < 0) return c;
  }
  return candidates[candidates.length - 1];
}

/** Weighted rendezvous hashing: a key keeps its server while servers come and go (like `hash-type consistent`). */
function rendezvous(candidates: readonly Candidate[], key: string): Candidate {
  const score = (c: Candidate): number => -c.weight / Math.log(unitHash(`${key}\u0000${c.id}`));
  return candidates.reduce((best, c) => (score(c) > score(best) ? c : best));
}

/** FNV-1a 32-bit, mapped into (0, 1). */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash + 0.5) / 2 ** 32;
}
