import type { PodMetricsSample } from '@strato/contracts';

export interface PodFigures {
  readonly requestRate: string;
  readonly latency: string;
  readonly queue: string;
  /** The CPU of the pod's ready nodes against its cap, "—" without a sample. */
  readonly cpu: string;
  /** 0–100, for the bar; null without a sample. */
  readonly cpuFill: number | null;
  readonly nodes: string;
}

const NOTHING = '—';

/** A pod's newest sample as the overview card prints it. */
export function podFigures(sample: PodMetricsSample | undefined): PodFigures {
  if (!sample) {
    return {
      requestRate: NOTHING,
      latency: NOTHING,
      queue: NOTHING,
      cpu: NOTHING,
      cpuFill: null,
      nodes: NOTHING,
    };
  }
  const ms = (value: number | null): string => (value === null ? NOTHING : `${Math.round(value)}`);
  const latency =
    sample.latencyP50Ms === null && sample.latencyP99Ms === null
      ? NOTHING
      : `${ms(sample.latencyP50Ms)} / ${ms(sample.latencyP99Ms)} ms`;
  const desired =
    sample.desiredNodes !== null && sample.desiredNodes !== sample.nodes.ready
      ? ` → ${sample.desiredNodes}`
      : '';
  return {
    requestRate: sample.requestRate >= 10 ? sample.requestRate.toFixed(0) : sample.requestRate.toFixed(1),
    latency,
    queue: String(sample.queue),
    cpu: sample.cpuPercent === null ? NOTHING : `${sample.cpuPercent.toFixed(0)} % of cap`,
    cpuFill: sample.cpuPercent === null ? null : Math.min(100, Math.max(0, sample.cpuPercent)),
    nodes: `${sample.nodes.ready} ready / ${sample.nodes.total}${desired}`,
  };
}
