import { ApiProperty } from '@nestjs/swagger';
import {
  type AgentRegistration,
  type NodeExitReport,
  type RuntimeKind,
  SCRIPT_INTERPRETERS,
  type ScriptInterpreter,
} from '@strato/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  IsUrl,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { MayBeOmitted, Nullable } from '../validation/field-presence';

export class RegisterAgentDto implements AgentRegistration {
  @ApiProperty({ pattern: '^[a-z0-9][a-z0-9.-]{0,62}$', example: 'vm-1' })
  @Matches(/^[a-z0-9][a-z0-9.-]{0,62}$/, {
    message: 'id must be lower-case letters, digits, dots and dashes',
  })
  id!: string;

  @ApiProperty({ example: 'http://127.0.0.1:8081' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  url!: string;

  @ApiProperty({ enum: ['process', 'docker'] })
  @IsIn(['process', 'docker'])
  runtime!: RuntimeKind;

  @ApiProperty({ type: 'integer', minimum: 1, example: 2 })
  @IsInt()
  @Min(1)
  cores!: number;

  @ApiProperty({ minimum: 0, example: 25769803776 })
  @IsNumber()
  @Min(0)
  memoryBytes!: number;

  @ApiProperty({
    required: false,
    type: 'array',
    items: { type: 'string', enum: [...SCRIPT_INTERPRETERS] },
    example: ['node'],
    description:
      "the script interpreters the agent's nodes have; left out: unknown (an older agent), not counted when a submitted script's interpreter is checked",
  })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(SCRIPT_INTERPRETERS.length)
  @IsIn(SCRIPT_INTERPRETERS, {
    each: true,
    message: `interpreters must each be one of ${SCRIPT_INTERPRETERS.join(', ')}`,
  })
  interpreters?: ScriptInterpreter[];
}

export class AgentDto extends RegisterAgentDto {
  @ApiProperty()
  registeredAt!: string;

  @ApiProperty()
  lastSeenAt!: string;
}

export class NodeExitReportDto implements NodeExitReport {
  @ApiProperty({ enum: ['exited'] })
  @IsIn(['exited'])
  type!: 'exited';

  @ApiProperty({ example: 'n1' })
  @IsString()
  nodeId!: string;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 1,
    example: 2,
    description: 'the incarnation that exited (null: a node started without one); a stale one is ignored',
  })
  @Nullable()
  @IsInt()
  @Min(1)
  incarnation!: number | null;

  @ApiProperty({ example: 'light' })
  @IsString()
  pod!: string;

  @ApiProperty({ type: 'integer', nullable: true, example: 137 })
  @Nullable()
  @IsInt()
  exitCode!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'SIGKILL' })
  @Nullable()
  @IsString()
  signal!: string | null;

  @ApiProperty({ example: false })
  @IsBoolean()
  oomKilled!: boolean;

  @ApiProperty({ example: 1763800000000, description: 'when it happened, ms since the epoch' })
  @IsNumber()
  at!: number;
}

export class AgentEventsDto {
  @ApiProperty({ type: [NodeExitReportDto] })
  @ValidateNested({ each: true })
  @ArrayMaxSize(1000)
  @Type(() => NodeExitReportDto)
  events!: NodeExitReportDto[];
}
