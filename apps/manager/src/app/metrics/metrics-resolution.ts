import { METRICS_RANGE_SECONDS, type MetricsRange } from '@strato/contracts';
import type { MetricsSource } from './metrics-history.repository';

export interface MetricsResolution {
  source: MetricsSource;
  stepSeconds: number;
}

/** At most 900 buckets per range (15 min of 1 s). */
const STEP_SECONDS: Readonly<Record<MetricsRange, number>> = {
  '15m': 1,
  '1h': 4,
  '6h': 30,
  '24h': 120,
  '7d': 900,
};

/**
 * Where a range is read from and in what step: the raw samples while they are kept for the whole range
 * (never finer than they are taken), else the one-minute rollups (never finer than a minute).
 */
export function resolutionOf(
  range: MetricsRange,
  rawRetentionMinutes: number,
  sampleMs: number,
): MetricsResolution {
  const step = STEP_SECONDS[range];
  if (rawRetentionMinutes * 60 >= METRICS_RANGE_SECONDS[range])
    return { source: 'raw', stepSeconds: Math.max(step, Math.ceil(sampleMs / 1000)) };
  return { source: 'minute', stepSeconds: Math.max(step, 60) };
}
