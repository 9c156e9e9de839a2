import { ApiProperty } from '@nestjs/swagger';
import { AgentDto } from '../agents/agent.dto';
import { PodDto } from '../pods/pod.dto';

export class AgentStatusDto extends AgentDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiProperty({
    example: 3,
    description: 'nodes the agent runs (null when it does not answer)',
    type: Number,
    nullable: true,
  })
  nodes!: number | null;
}

export class LoadBalancerStatusDto {
  @ApiProperty({ enum: ['haproxy', 'embedded'] })
  kind!: 'haproxy' | 'embedded';

  @ApiProperty({ example: 'http://127.0.0.1:8000' })
  url!: string;
}

export class ReconcilerStatusDto {
  @ApiProperty({ example: 2000, description: 'ms between passes' })
  intervalMs!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'when the last full pass ended (null: none yet)',
  })
  lastPassAt!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 3.2,
    description: 'how long the last full pass took, in ms (store, runtimes and load balancer compared)',
  })
  lastPassMs!: number | null;
}

export class CloudStatusDto {
  @ApiProperty({ type: [PodDto] })
  pods!: PodDto[];

  @ApiProperty({ type: [AgentStatusDto] })
  agents!: AgentStatusDto[];

  @ApiProperty({ type: LoadBalancerStatusDto })
  loadBalancer!: LoadBalancerStatusDto;

  @ApiProperty({ type: ReconcilerStatusDto })
  reconciler!: ReconcilerStatusDto;
}
