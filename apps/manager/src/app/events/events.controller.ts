import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { resolvePodAlias } from '@strato/contracts';
import { ApiErrorResponses } from '../openapi/api-error-responses';
import { EventDto, ListEventsQueryDto } from './event.dto';
import { EventsRepository } from './events.repository';

@ApiTags('events')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly events: EventsRepository) {}

  @Get()
  @ApiOperation({
    summary: 'The event log, newest first: every lifecycle change with its reason; page with `before`',
    operationId: 'listEvents',
  })
  @ApiOkResponse({ type: [EventDto] })
  @ApiErrorResponses(400, 401)
  list(@Query() query: ListEventsQueryDto): EventDto[] {
    return this.events.list({
      ...query,
      pod: query.pod === undefined ? undefined : resolvePodAlias(query.pod),
      limit: query.limit ?? 50,
    });
  }
}
