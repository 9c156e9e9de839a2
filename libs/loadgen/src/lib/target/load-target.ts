import { isIPv4 } from 'node:net';
import { InvalidLoadOptionsError } from '../errors/invalid-load-options.error';
import { NonLoopbackTargetError } from '../errors/non-loopback-target.error';

export interface WeightedTarget {
  url: string | URL;
  /** Relative share of requests; weights need not sum to 1 or 100. */
  weight: number;
  /** Label in the per-target breakdown; defaults to the URL path. */
  name?: string;
}

/** One URL, or a weighted mix such as light 70 % / medium 25 % / heavy 5 %. */
export type LoadTarget = string | URL | readonly WeightedTarget[];

export interface ResolvedTarget {
  readonly name: string;
  readonly url: URL;
  readonly weight: number;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  return isIPv4(host) && host.startsWith('127.');
}

export function resolveTargets(target: LoadTarget, allowNonLoopback = false): ResolvedTarget[] {
  const list: readonly WeightedTarget[] =
    typeof target === 'string' || target instanceof URL ? [{ url: target, weight: 1 }] : target;
  if (list.length === 0) throw new InvalidLoadOptionsError('target list is empty');
  const resolved = list.map((entry) => resolveOne(entry, allowNonLoopback));
  const names = new Set(resolved.map((t) => t.name));
  if (names.size !== resolved.length) {
    throw new InvalidLoadOptionsError(
      `target names must be unique: ${resolved.map((t) => t.name).join(', ')}`,
    );
  }
  return resolved;
}

function resolveOne(entry: WeightedTarget, allowNonLoopback: boolean): ResolvedTarget {
  let url: URL;
  try {
    url = new URL(entry.url);
  } catch {
    throw new InvalidLoadOptionsError(`invalid target URL ${String(entry.url)}`);
  }
  if (url.protocol !== 'http:')
    throw new InvalidLoadOptionsError(`only http: targets are supported, got ${url.href}`);
  if (!allowNonLoopback && !isLoopbackHost(url.hostname)) throw new NonLoopbackTargetError(url.href);
  if (!Number.isFinite(entry.weight) || entry.weight <= 0) {
    throw new InvalidLoadOptionsError(`target weight must be > 0, got ${entry.weight} for ${url.href}`);
  }
  return { name: entry.name ?? url.pathname, url, weight: entry.weight };
}

/** Draws targets in proportion to their weights from the given uniform source. */
export function targetPicker(targets: readonly ResolvedTarget[], random: () => number): () => ResolvedTarget {
  if (targets.length === 1) return () => targets[0];
  const total = targets.reduce((sum, t) => sum + t.weight, 0);
  let running = 0;
  const cumulative = targets.map((t) => (running += t.weight / total));
  return () => {
    const u = random();
    const index = cumulative.findIndex((edge) => u < edge);
    return targets[index === -1 ? targets.length - 1 : index];
  };
}
