import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../openapi/api-error-responses';
import { PodMetricsHistory } from './pod-metrics-history';
import { PodMetricsQueryDto } from './pod-metrics-query.dto';
import { PodMetricsDto } from './pod-metrics.dto';

@ApiTags('pods')
@Controller('v1')
export class MetricsController {
  constructor(private readonly history: PodMetricsHistory) {}

  @Get('pods/:pod/metrics')
  @ApiOperation({
    summary: "A pod's throughput, latency, queue, nodes and CPU over a range, and each node's CPU and memory",
    description:
      'Sampled every second (STRATO_METRICS_SAMPLE_MS) and bucketed on read: 15m in 1 s buckets, 1h in 4 s, ' +
      '6h in 30 s (60 s once the raw samples are gone), 24h in 2 min, 7d in 15 min. Raw samples are kept ' +
      'STRATO_METRICS_RAW_RETENTION_MINUTES (120), one-minute rollups STRATO_METRICS_RETENTION_DAYS (7); a ' +
      'range the raw samples do not cover is read from the rollups, whose newest minute is at most about two ' +
      'minutes old. In a bucket, rates, queue, sessions, CPU, memory and p50 are means; p99, node counts and ' +
      'desired nodes the highest. The live samples come on `GET /api/v1/stream?metrics=true`.',
    operationId: 'getPodMetrics',
  })
  @ApiOkResponse({ type: PodMetricsDto })
  @ApiErrorResponses(400, 401, 404)
  of(@Param('pod') pod: string, @Query() query: PodMetricsQueryDto): PodMetricsDto {
    return this.history.of(pod, query.range ?? '15m');
  }
}
