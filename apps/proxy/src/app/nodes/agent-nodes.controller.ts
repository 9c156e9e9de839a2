import {
  Body,
  Controller,
  DefaultValuePipe,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseBoolPipe,
  ParseIntPipe,
  Post,
  Query,
} from '@nestjs/common';
import type { AgentInfo, AgentNodeView } from '@strato/contracts';
import { AgentNodesService } from './agent-nodes.service';
import { CreateNodeDto } from './create-node.dto';

/** The agent's API for the manager (agent token): nodes on this host and the host's capacity. */
@Controller('agent/v1')
export class AgentNodesController {
  constructor(private readonly nodes: AgentNodesService) {}

  @Post('nodes')
  create(@Body() body: CreateNodeDto): Promise<AgentNodeView> {
    return this.nodes.create(body);
  }

  @Get('nodes')
  list(@Query('stats', new DefaultValuePipe(false), ParseBoolPipe) stats: boolean): Promise<AgentNodeView[]> {
    return this.nodes.list(stats);
  }

  @Get('nodes/:id')
  get(@Param('id') id: string): Promise<AgentNodeView> {
    return this.nodes.get(id);
  }

  @Delete('nodes/:id')
  @HttpCode(204)
  remove(
    @Param('id') id: string,
    @Query('incarnation', new ParseIntPipe({ optional: true })) incarnation?: number,
  ): Promise<void> {
    return this.nodes.remove(id, incarnation);
  }

  @Post('nodes/:id/stop')
  @HttpCode(200)
  stop(@Param('id') id: string): Promise<AgentNodeView> {
    return this.nodes.stop(id);
  }

  @Post('nodes/:id/start')
  @HttpCode(200)
  start(@Param('id') id: string): Promise<AgentNodeView> {
    return this.nodes.start(id);
  }

  @Post('nodes/:id/pause')
  @HttpCode(200)
  pause(@Param('id') id: string): Promise<AgentNodeView> {
    return this.nodes.pause(id);
  }

  @Post('nodes/:id/resume')
  @HttpCode(200)
  resume(@Param('id') id: string): Promise<AgentNodeView> {
    return this.nodes.resume(id);
  }

  @Get('nodes/:id/logs')
  async logs(
    @Param('id') id: string,
    @Query('tail', new DefaultValuePipe(100), ParseIntPipe) tail: number,
  ): Promise<{ logs: string }> {
    return { logs: await this.nodes.logs(id, Math.min(Math.max(tail, 1), 10_000)) };
  }

  @Get('info')
  info(): Promise<AgentInfo> {
    return this.nodes.info();
  }
}
