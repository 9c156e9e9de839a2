import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../openapi/api-error-responses';
import { ElasticityDto, EnableElasticityDto, TickDto, UpdateElasticityDto } from './elasticity.dto';
import { ElasticityService } from './elasticity.service';

@ApiTags('elasticity')
@Controller('v1')
export class ElasticityController {
  constructor(private readonly elasticity: ElasticityService) {}

  @Get('elasticity')
  @ApiOperation({
    summary: 'Elasticity of every pod: policy, last evaluation, conditions',
    operationId: 'listElasticity',
  })
  @ApiOkResponse({ type: [ElasticityDto] })
  @ApiErrorResponses(401)
  list(): ElasticityDto[] {
    return this.elasticity.list();
  }

  @Put('elasticity/tick')
  @ApiOperation({ summary: 'Re-time the elasticity loop (0 stops it)', operationId: 'setElasticityTick' })
  @ApiOkResponse({ type: TickDto })
  @ApiErrorResponses(400, 401)
  setTick(@Body() body: TickDto): TickDto {
    return { tickMs: this.elasticity.setTick(body.tickMs) };
  }

  @Get('pods/:pod/elasticity')
  @ApiOperation({
    summary: "A pod's elasticity: policy, desired vs actual nodes, conditions",
    operationId: 'getElasticity',
  })
  @ApiOkResponse({ type: ElasticityDto })
  @ApiErrorResponses(401, 404)
  get(@Param('pod') pod: string): ElasticityDto {
    return this.elasticity.get(pod);
  }

  @Put('pods/:pod/elasticity')
  @ApiOperation({
    summary: "Change a pod's elasticity policy (fields merged; validated)",
    operationId: 'setElasticity',
  })
  @ApiOkResponse({ type: ElasticityDto })
  @ApiErrorResponses(400, 401, 404, 422)
  set(@Param('pod') pod: string, @Body() body: UpdateElasticityDto): ElasticityDto {
    return this.elasticity.update(pod, body);
  }

  @Post('pods/:pod/elasticity/enable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Turn elasticity on between LOWER_SIZE and UPPER_SIZE nodes',
    operationId: 'enableElasticity',
  })
  @ApiOkResponse({ type: ElasticityDto })
  @ApiErrorResponses(400, 401, 404, 422)
  enable(@Param('pod') pod: string, @Body() body: EnableElasticityDto): ElasticityDto {
    return this.elasticity.enable(pod, body.minNodes, body.maxNodes);
  }

  @Post('pods/:pod/elasticity/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Turn elasticity off; the nodes stay as they are',
    operationId: 'disableElasticity',
  })
  @ApiOkResponse({ type: ElasticityDto })
  @ApiErrorResponses(401, 404)
  disable(@Param('pod') pod: string): ElasticityDto {
    return this.elasticity.disable(pod);
  }
}
