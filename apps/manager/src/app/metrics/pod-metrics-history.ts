import { Inject, Injectable } from '@nestjs/common';
import { METRICS_RANGE_SECONDS, type MetricsRange } from '@strato/contracts';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { PodsRepository } from '../store/pods.repository';
import { MetricsHistoryRepository } from './metrics-history.repository';
import { resolutionOf } from './metrics-resolution';
import type { PodMetricsDto } from './pod-metrics.dto';

/** A pod's metrics over a range, in buckets few enough for a chart. */
@Injectable()
export class PodMetricsHistory {
  constructor(
    private readonly pods: PodsRepository,
    private readonly history: MetricsHistoryRepository,
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
  ) {}

  of(podNameOrAlias: string, range: MetricsRange, now = Date.now()): PodMetricsDto {
    const pod = this.pods.require(podNameOrAlias);
    const { source, stepSeconds } = resolutionOf(
      range,
      this.config.metricsRawRetentionMinutes,
      this.config.metricsSampleMs,
    );
    const stepMs = stepSeconds * 1000;
    // From the first bucket wholly inside the range, so a range holds at most range / step buckets.
    const fromMs = (Math.floor((now - METRICS_RANGE_SECONDS[range] * 1000) / stepMs) + 1) * stepMs;
    const read = { pod: pod.name, source, fromMs, toMs: now, stepMs };
    return {
      pod: pod.name,
      range,
      stepSeconds,
      source,
      points: this.history.podPoints(read),
      nodes: this.history.nodeSeries(read),
    };
  }
}
