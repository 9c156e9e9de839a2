import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ManualOps } from '../elasticity/settings/manual-ops';
import { ApiErrorResponses } from '../openapi/api-error-responses';
import { NodeLifecycle } from './lifecycle/node-lifecycle';
import {
  ListNodesQueryDto,
  NodeDto,
  NodeLogsDto,
  NodeLogsQueryDto,
  RegisterNodeDto,
  RemoveNodeQueryDto,
} from './node.dto';
import { NodesService } from './nodes.service';

@ApiTags('nodes')
@Controller('v1')
export class NodesController {
  constructor(
    private readonly nodes: NodesService,
    private readonly lifecycle: NodeLifecycle,
    private readonly manual: ManualOps,
  ) {}

  @Post('nodes')
  @ApiOperation({ summary: 'Register a node in a pod (status NEW)', operationId: 'registerNode' })
  @ApiCreatedResponse({ type: NodeDto })
  @ApiErrorResponses(400, 401, 404, 409)
  register(@Body() body: RegisterNodeDto): NodeDto {
    this.manual.assertPod(body.pod, 'register');
    return this.nodes.register(body.name, body.pod);
  }

  @Get('nodes')
  @ApiOperation({ summary: 'List nodes, optionally of one pod', operationId: 'listNodes' })
  @ApiOkResponse({ type: [NodeDto] })
  @ApiErrorResponses(400, 401, 404)
  list(@Query() query: ListNodesQueryDto): NodeDto[] {
    return this.nodes.list(query.pod);
  }

  @Get('nodes/:name')
  @ApiOperation({ summary: 'Get one node', operationId: 'getNode' })
  @ApiOkResponse({ type: NodeDto })
  @ApiErrorResponses(401, 404)
  get(@Param('name') name: string): NodeDto {
    return this.nodes.require(name);
  }

  @Delete('nodes/:name')
  @ApiOperation({
    summary: 'Remove a node: drained out of the load balancer (no request lost), then stopped and deleted',
    operationId: 'removeNode',
  })
  @ApiOkResponse({ type: NodeDto, description: 'the node as it was before removal' })
  @ApiErrorResponses(400, 401, 404, 409, 503)
  remove(@Param('name') name: string, @Query() query: RemoveNodeQueryDto): Promise<NodeDto> {
    this.manual.assertNode(name, 'rm');
    return this.lifecycle.remove(name, query.pod);
  }

  @Get('nodes/:name/logs')
  @ApiOperation({ summary: "The last lines of a node's stdout and stderr", operationId: 'getNodeLogs' })
  @ApiOkResponse({ type: NodeLogsDto })
  @ApiErrorResponses(400, 401, 404, 409, 503)
  async logs(@Param('name') name: string, @Query() query: NodeLogsQueryDto): Promise<NodeLogsDto> {
    return { node: name, logs: await this.nodes.logs(name, query.tail ?? 100) };
  }

  @Post('pods/:pod/launch')
  @ApiOperation({
    summary:
      "Launch the pod's first NEW node: start it, wait for its health, put it behind the load balancer",
    operationId: 'launchPod',
  })
  @ApiCreatedResponse({ type: NodeDto })
  @ApiErrorResponses(401, 404, 409, 503)
  launch(@Param('pod') pod: string): Promise<NodeDto> {
    this.manual.assertPod(pod, 'launch');
    return this.lifecycle.launchNext(pod);
  }
}
