import type { LoadBalancerStatus, PodUsage } from '@strato/api-client';

export type NodeUsage = PodUsage['nodes'][number];
export type ServerStatus = LoadBalancerStatus['pods'][number]['servers'][number];

/** How full a node is against its cap: the bar's fill (null: no bar) and the words beside it. */
export interface Share {
  readonly fraction: number | null;
  readonly text: string;
}

const NO_SAMPLE: Share = { fraction: null, text: '—' };
const MIB = 1024 * 1024;

/** Small numbers keep one decimal, so a node at 0.4 % does not read as idle. */
const short = (value: number): string =>
  value < 10 ? String(Math.round(value * 10) / 10) : String(Math.round(value));

/** `cpuPercent` is of one core and `cpus` the cap in cores: 24 % of a 0.3 CPU cap fills 80 %. */
export function cpuShare(usage: NodeUsage | undefined): Share {
  if (!usage || usage.cpuPercent === null) return NO_SAMPLE;
  const fraction = usage.cpus > 0 ? usage.cpuPercent / (usage.cpus * 100) : null;
  return { fraction, text: `${short(usage.cpuPercent)} % of ${usage.cpus} CPU` };
}

export function memoryShare(usage: NodeUsage | undefined): Share {
  if (!usage || usage.memoryBytes === null) return NO_SAMPLE;
  const used = short(usage.memoryBytes / MIB);
  const limit = usage.memoryLimitBytes;
  if (!limit) return { fraction: null, text: `${used} MiB, no limit` };
  return { fraction: usage.memoryBytes / limit, text: `${used} of ${short(limit / MIB)} MiB` };
}

/** "40 s", "3 min", "5 h", "2 d": how long ago `createdAt` was, at `now`. */
export function ageOf(createdAt: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(createdAt)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} d`;
}
