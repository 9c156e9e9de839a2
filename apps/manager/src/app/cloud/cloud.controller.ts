import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../openapi/api-error-responses';
import { InitResultDto } from '../pods/pod.dto';
import { CloudStatusDto } from './cloud-status.dto';
import { CloudService } from './cloud.service';

@ApiTags('cloud')
@Controller('v1/cloud')
export class CloudController {
  constructor(private readonly cloud: CloudService) {}

  @Post('init')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Create the default pods (light, medium, heavy); idempotent',
    operationId: 'initCloud',
  })
  @ApiOkResponse({ type: InitResultDto })
  @ApiErrorResponses(401)
  init(): Promise<InitResultDto> {
    return this.cloud.init();
  }

  @Get('status')
  @ApiOperation({
    summary: 'The whole cloud at a glance: pods, agents, load balancer',
    operationId: 'getCloudStatus',
  })
  @ApiOkResponse({ type: CloudStatusDto })
  @ApiErrorResponses(401)
  status(): Promise<CloudStatusDto> {
    return this.cloud.status();
  }
}
