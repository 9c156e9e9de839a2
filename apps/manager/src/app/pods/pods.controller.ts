import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../openapi/api-error-responses';
import { PodLifecycle } from './pod-lifecycle';
import { PodPauser } from './pod-pauser';
import { PodUsage } from './pod-usage';
import { PodUsageDto } from './pod-usage.dto';
import { PodDto, RegisterPodDto, RemovePodQueryDto, UpdatePodDto } from './pod.dto';
import { PodsService } from './pods.service';

@ApiTags('pods')
@Controller('v1')
export class PodsController {
  constructor(
    private readonly pods: PodsService,
    private readonly pauser: PodPauser,
    private readonly lifecycle: PodLifecycle,
    private readonly usage: PodUsage,
  ) {}

  @Post('pods')
  @ApiOperation({
    summary: 'Register a pod with its node size (served at /<name> on the load balancer)',
    operationId: 'registerPod',
  })
  @ApiCreatedResponse({ type: PodDto })
  @ApiErrorResponses(400, 401, 409, 503)
  register(@Body() body: RegisterPodDto): Promise<PodDto> {
    return this.lifecycle.register(body);
  }

  @Patch('pods/:pod')
  @ApiOperation({
    summary: "Change a pod's settings: node size for new nodes, maximum nodes, the job its nodes run",
    operationId: 'updatePod',
  })
  @ApiOkResponse({ type: PodDto })
  @ApiErrorResponses(400, 401, 404, 409, 503)
  update(@Param('pod') pod: string, @Body() body: UpdatePodDto): Promise<PodDto> {
    return this.pods.update(pod, body);
  }

  @Delete('pods/:pod')
  @ApiOperation({
    summary:
      'Remove a pod; refused (409) while it has nodes or unfinished batch jobs; with force=true its jobs are aborted and its nodes drained and removed first',
    operationId: 'removePod',
  })
  @ApiOkResponse({ type: PodDto, description: 'the pod as it was before removal' })
  @ApiErrorResponses(400, 401, 404, 409, 503)
  remove(@Param('pod') pod: string, @Query() query: RemovePodQueryDto): Promise<PodDto> {
    return this.lifecycle.remove(pod, query.force ?? false);
  }

  @Get('pods')
  @ApiOperation({ summary: 'List pods', operationId: 'listPods' })
  @ApiOkResponse({ type: [PodDto] })
  @ApiErrorResponses(401)
  list(): PodDto[] {
    return this.pods.list();
  }

  @Get('pods/:pod')
  @ApiOperation({ summary: 'Get one pod by name or seed alias (0/1/2)', operationId: 'getPod' })
  @ApiOkResponse({ type: PodDto })
  @ApiErrorResponses(401, 404)
  get(@Param('pod') pod: string): PodDto {
    return this.pods.get(pod);
  }

  @Get('pods/:pod/usage')
  @ApiOperation({
    summary: "The CPU and memory each of the pod's nodes uses, as their agents sample it",
    operationId: 'getPodUsage',
  })
  @ApiOkResponse({ type: PodUsageDto })
  @ApiErrorResponses(401, 404)
  usageOf(@Param('pod') pod: string): Promise<PodUsageDto> {
    return this.usage.of(pod);
  }

  @Post('pods/:pod/pause')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pause a pod: its path answers 503, its nodes leave rotation (idempotent)',
    operationId: 'pausePod',
  })
  @ApiOkResponse({ type: PodDto })
  @ApiErrorResponses(401, 404, 503)
  pause(@Param('pod') pod: string): Promise<PodDto> {
    return this.pauser.pause(pod);
  }

  @Post('pods/:pod/resume')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resume a paused pod: its nodes serve again (idempotent)',
    operationId: 'resumePod',
  })
  @ApiOkResponse({ type: PodDto })
  @ApiErrorResponses(401, 404, 503)
  resume(@Param('pod') pod: string): Promise<PodDto> {
    return this.pauser.resume(pod);
  }
}
