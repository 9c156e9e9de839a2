import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, Min } from 'class-validator';
import { MayBeOmitted } from '../../validation/field-presence';
import { QueryBoolean } from '../../validation/query-boolean';
import { QueryNumber } from '../../validation/query-number';

export class StreamQueryDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    required: false,
    description:
      'resume after this event id (the `lastEventId` of the last frame seen); the `Last-Event-ID` header, ' +
      'which EventSource sends when it reconnects, takes precedence',
    example: 120,
  })
  @MayBeOmitted()
  @QueryNumber()
  @IsInt()
  @Min(0)
  since?: number;

  @ApiProperty({ required: false, description: "only this pod's events and metrics", example: 'light' })
  @MayBeOmitted()
  @IsString()
  pod?: string;

  @ApiProperty({
    required: false,
    example: true,
    description: "also a `metrics` frame after every sample (every second): each pod's newest numbers",
  })
  @MayBeOmitted()
  @QueryBoolean()
  @IsBoolean()
  metrics?: boolean;
}
