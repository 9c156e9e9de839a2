import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import type { CloudEvent } from './events.repository';
import { MayBeOmitted } from '../validation/field-presence';

export class EventDto implements CloudEvent {
  @ApiProperty({ example: 42 })
  id!: number;

  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' })
  at!: string;

  @ApiProperty({ example: 'NodeOnline' })
  type!: string;

  @ApiProperty({ type: String, nullable: true, example: 'light' })
  pod!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'n1' })
  node!: string | null;

  @ApiProperty({ example: 'node n1 online at 127.0.0.1:20001 after 212 ms' })
  message!: string;
}

export class ListEventsQueryDto {
  @ApiProperty({ required: false, example: 'light' })
  @MayBeOmitted()
  @IsString()
  pod?: string;

  @ApiProperty({ required: false, example: 'n1' })
  @MayBeOmitted()
  @IsString()
  node?: string;

  @ApiProperty({ required: false, example: 'NodeFailed' })
  @MayBeOmitted()
  @IsString()
  type?: string;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    required: false,
    description: 'only events older than this id (the next page)',
    example: 100,
  })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  @ApiProperty({ type: 'integer', required: false, minimum: 1, maximum: 1000, example: 50 })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
