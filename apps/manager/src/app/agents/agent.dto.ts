import { ApiProperty } from '@nestjs/swagger';
import {
  type AgentRegistration,
  type AgentRegistrationAnswer,
  type NodeExitReport,
  type RuntimeKind,
  SCRIPT_INTERPRETERS,
  type ScriptInterpreter,
} from '@strato/contracts';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsIP,
  IsNumber,
  IsString,
  IsUrl,
  Matches,
  Min,
} from 'class-validator';
import { NestedObjects } from '../validation/nested';
import { MayBeOmitted, Nullable } from '../validation/field-presence';
import { IsLabelMap } from '../validation/label-map';

export class RegisterAgentDto implements AgentRegistration {
  @ApiProperty({ pattern: '^[a-z0-9][a-z0-9.-]{0,62}$', example: 'vm-1' })
  @Matches(/^[a-z0-9][a-z0-9.-]{0,62}$/, {
    message: 'id must be lower-case letters, digits, dots and dashes',
  })
  id!: string;

  @ApiProperty({ example: 'http://127.0.0.1:8081' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  url!: string;

  @ApiProperty({ enum: ['process', 'docker', 'swarm'] })
  @IsIn(['process', 'docker', 'swarm'])
  runtime!: RuntimeKind;

  @ApiProperty({
    minimum: 0,
    example: 2,
    description:
      "CPUs the host offers its nodes: its cores, unless the agent's STRATO_AGENT_CPUS says fewer; 0 while it takes none (a drained swarm host)",
  })
  @IsNumber()
  @Min(0)
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

  @ApiProperty({
    required: false,
    type: Object,
    additionalProperties: { type: 'string' },
    example: { zone: 'a' },
    description: "the owner's labels for the host, which a pod's placement may ask for",
  })
  @MayBeOmitted()
  @IsLabelMap()
  labels?: Record<string, string>;

  @ApiProperty({
    required: false,
    type: 'integer',
    minimum: 1,
    example: 1000,
    description: "node ports in the agent's range: the most nodes the host can run",
  })
  @MayBeOmitted()
  @IsInt()
  @Min(1)
  nodePorts?: number;

  @ApiProperty({
    required: false,
    example: '127.0.0.1',
    description: "the address the host's nodes listen on, where the load balancer reaches them",
  })
  @MayBeOmitted()
  @IsIP(4)
  nodeAddress?: string;
}

/** What a host has reserved for the nodes placed on it (from their pods' sizes). */
export class AgentReservationDto {
  @ApiProperty({ type: 'integer', example: 3 })
  nodes!: number;

  @ApiProperty({ example: 0.9, description: 'CPUs reserved by its nodes' })
  cpus!: number;

  @ApiProperty({ type: 'integer', example: 300, description: 'MiB reserved by its nodes' })
  memoryMiB!: number;
}

export class AgentDto extends RegisterAgentDto {
  @ApiProperty()
  registeredAt!: string;

  @ApiProperty()
  lastSeenAt!: string;

  @ApiProperty({
    description:
      'heard from within STRATO_AGENT_TIMEOUT_MS and not revoked; an unreachable host gets no new nodes',
  })
  reachable!: boolean;

  @ApiProperty({ type: AgentReservationDto })
  reserved!: AgentReservationDto;

  @ApiProperty({
    required: false,
    description: 'when the owner revoked it: its credential no longer works and it cannot join again',
  })
  revokedAt?: string;
}

export class AgentRegistrationAnswerDto extends AgentDto implements AgentRegistrationAnswer {
  @ApiProperty({
    description:
      'the agent’s own credential, for every later call (agent header) and the one it is called with; a join with the join token issues a new one',
  })
  credential!: string;
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
  @NestedObjects(() => NodeExitReportDto, 1000)
  events!: NodeExitReportDto[];
}
