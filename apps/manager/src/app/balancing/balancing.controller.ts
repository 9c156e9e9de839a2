import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NodeDto } from '../nodes/node.dto';
import { ApiErrorResponses } from '../openapi/api-error-responses';
import { PodDto } from '../pods/pod.dto';
import { LoadBalancerDto, SetAlgorithmDto, SetWeightDto } from './balancing.dto';
import { BalancingService } from './balancing.service';

@ApiTags('load balancer')
@Controller('v1')
export class BalancingController {
  constructor(private readonly balancing: BalancingService) {}

  @Get('lb')
  @ApiOperation({
    summary: 'Per pod: algorithm, servers with health and weight, req/s, latency',
    operationId: 'getLoadBalancer',
  })
  @ApiOkResponse({ type: LoadBalancerDto })
  @ApiErrorResponses(401)
  status(): Promise<LoadBalancerDto> {
    return this.balancing.status();
  }

  @Put('pods/:pod/algorithm')
  @ApiOperation({
    summary: "Change a pod's balance algorithm (hitless reload on HAProxy)",
    operationId: 'setAlgorithm',
  })
  @ApiOkResponse({ type: PodDto })
  @ApiErrorResponses(400, 401, 404, 503)
  setAlgorithm(@Param('pod') pod: string, @Body() body: SetAlgorithmDto): Promise<PodDto> {
    return this.balancing.setAlgorithm(pod, body.algorithm);
  }

  @Put('nodes/:name/weight')
  @ApiOperation({ summary: "Set a node's load-balancer weight (0..256)", operationId: 'setWeight' })
  @ApiOkResponse({ type: NodeDto })
  @ApiErrorResponses(400, 401, 404, 503)
  setWeight(@Param('name') name: string, @Body() body: SetWeightDto): Promise<NodeDto> {
    return this.balancing.setWeight(name, body.weight);
  }
}
