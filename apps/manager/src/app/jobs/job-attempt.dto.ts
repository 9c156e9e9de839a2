import { ApiProperty } from '@nestjs/swagger';
import type { BatchJobAttemptView } from '@strato/contracts';

export class JobAttemptDto implements BatchJobAttemptView {
  @ApiProperty({ type: 'integer', example: 1, description: '1-based, in the order they started' })
  attempt!: number;

  @ApiProperty({ example: 'light-2', description: 'the node it ran on' })
  node!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'local',
    description: 'the agent running the node; null if not recorded (attempts from before it was kept)',
  })
  agent!: string | null;

  @ApiProperty({ example: '2026-11-22T10:00:01.000Z' }) startedAt!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-11-22T10:00:31.000Z',
    description: 'null while it runs',
  })
  endedAt!: string | null;

  @ApiProperty({ type: 'integer', nullable: true, example: null, description: 'null while it runs' })
  exitCode!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'SIGKILL' }) signal!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'NodeLost',
    description:
      'why it ended, or was requeued, if not by its exit code alone: NodeLost, OOMKilled, Timeout, ' +
      'Aborted, StartFailed; null while it runs or when it exited by itself',
  })
  reason!: string | null;
}
