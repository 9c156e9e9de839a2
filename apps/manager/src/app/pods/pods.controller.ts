import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../openapi/api-error-responses';
import { PodDto } from './pod.dto';
import { PodsService } from './pods.service';

@ApiTags('pods')
@Controller('v1')
export class PodsController {
  constructor(private readonly pods: PodsService) {}

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
}
