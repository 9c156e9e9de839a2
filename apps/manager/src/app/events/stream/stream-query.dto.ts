import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Min } from 'class-validator';
import { MayBeOmitted } from '../../validation/field-presence';
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

  @ApiProperty({ required: false, description: "only this pod's events", example: 'light' })
  @MayBeOmitted()
  @IsString()
  pod?: string;
}
