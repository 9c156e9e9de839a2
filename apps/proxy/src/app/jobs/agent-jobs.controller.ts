import {
  Body,
  Controller,
  DefaultValuePipe,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
} from '@nestjs/common';
import type { AgentJobAttemptView, AgentJobOutputView } from '@strato/contracts';
import { AgentJobsService } from './agent-jobs.service';
import { StartJobAttemptDto } from './start-job-attempt.dto';

/** Batch-job attempts inside this agent's nodes (agent token); the manager pulls their state and output. */
@Controller('agent/v1/nodes/:nodeId/jobs')
export class AgentJobsController {
  constructor(private readonly jobs: AgentJobsService) {}

  @Post()
  start(@Param('nodeId') nodeId: string, @Body() body: StartJobAttemptDto): Promise<AgentJobAttemptView> {
    return this.jobs.start(nodeId, body);
  }

  @Get()
  list(@Param('nodeId') nodeId: string): AgentJobAttemptView[] {
    return this.jobs.list(nodeId);
  }

  @Get(':attemptId')
  get(@Param('nodeId') nodeId: string, @Param('attemptId') attemptId: string): AgentJobAttemptView {
    return this.jobs.get(nodeId, attemptId);
  }

  @Get(':attemptId/output')
  output(
    @Param('nodeId') nodeId: string,
    @Param('attemptId') attemptId: string,
    @Query('stdoutOffset', new DefaultValuePipe(0), ParseIntPipe) stdoutOffset: number,
    @Query('stderrOffset', new DefaultValuePipe(0), ParseIntPipe) stderrOffset: number,
  ): AgentJobOutputView {
    return this.jobs.output(nodeId, attemptId, stdoutOffset, stderrOffset);
  }

  /** Kills the attempt's whole process tree and answers its final state; a finished attempt as it ended. */
  @Post(':attemptId/kill')
  @HttpCode(200)
  kill(@Param('nodeId') nodeId: string, @Param('attemptId') attemptId: string): Promise<AgentJobAttemptView> {
    return this.jobs.kill(nodeId, attemptId);
  }

  /** The manager has stored the final state and the output: the agent may forget the attempt. */
  @Delete(':attemptId')
  @HttpCode(204)
  acknowledge(@Param('nodeId') nodeId: string, @Param('attemptId') attemptId: string): void {
    this.jobs.acknowledge(nodeId, attemptId);
  }
}
