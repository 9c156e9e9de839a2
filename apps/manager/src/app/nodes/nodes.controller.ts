import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../openapi/api-error-responses';
import { NodeLauncher } from '../reconciler/node-launcher';
import { ListNodesQueryDto, NodeDto, RegisterNodeDto } from './node.dto';
import { NodesService } from './nodes.service';

@ApiTags('nodes')
@Controller('v1')
export class NodesController {
  constructor(
    private readonly nodes: NodesService,
    private readonly launcher: NodeLauncher,
  ) {}

  @Post('nodes')
  @ApiOperation({ summary: 'Register a node in a pod (status NEW)', operationId: 'registerNode' })
  @ApiCreatedResponse({ type: NodeDto })
  @ApiErrorResponses(400, 401, 404, 409)
  register(@Body() body: RegisterNodeDto): NodeDto {
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

  @Post('pods/:pod/launch')
  @ApiOperation({
    summary:
      "Launch the pod's first NEW node: start it, wait for its health, put it behind the load balancer",
    operationId: 'launchPod',
  })
  @ApiCreatedResponse({ type: NodeDto })
  @ApiErrorResponses(401, 404, 409, 503)
  launch(@Param('pod') pod: string): Promise<NodeDto> {
    return this.launcher.launchNext(pod);
  }
}
