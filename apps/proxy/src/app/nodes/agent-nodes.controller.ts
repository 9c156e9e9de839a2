import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
  DefaultValuePipe,
} from '@nestjs/common';
import type { AgentInfo, AgentNodeView } from '@strato/contracts';
import { AgentNodesService } from './agent-nodes.service';
import { CreateNodeDto } from './create-node.dto';

@Controller('agent/v1')
export class AgentNodesController {
  constructor(private readonly nodes: AgentNodesService) {}

  @Post('nodes')
  create(@Body() body: CreateNodeDto): Promise<AgentNodeView> {
    return this.nodes.create(body);
  }

  @Get('nodes')
  list(): Promise<AgentNodeView[]> {
    return this.nodes.list();
  }

  @Delete('nodes/:id')
  @HttpCode(204)
  remove(@Param('id') id: string): Promise<void> {
    return this.nodes.remove(id);
  }

  @Get('nodes/:id/logs')
  async logs(
    @Param('id') id: string,
    @Query('tail', new DefaultValuePipe(100), ParseIntPipe) tail: number,
  ): Promise<{ logs: string }> {
    return { logs: await this.nodes.logs(id, tail) };
  }

  @Get('info')
  info(): Promise<AgentInfo> {
    return this.nodes.info();
  }
}
