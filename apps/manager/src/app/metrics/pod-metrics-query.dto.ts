import { ApiProperty } from '@nestjs/swagger';
import { METRICS_RANGES, type MetricsRange } from '@strato/contracts';
import { IsIn } from 'class-validator';
import { MayBeOmitted } from '../validation/field-presence';

export class PodMetricsQueryDto {
  @ApiProperty({
    enum: METRICS_RANGES,
    required: false,
    default: '15m',
    description: 'how far back: the last 15 minutes, hour, 6 hours, 24 hours or 7 days',
    example: '1h',
  })
  @MayBeOmitted()
  @IsIn(METRICS_RANGES, { message: `range must be one of ${METRICS_RANGES.join(', ')}` })
  range?: MetricsRange;
}
