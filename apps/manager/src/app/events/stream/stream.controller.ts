import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { resolvePodAlias } from '@strato/contracts';
import type { Response } from 'express';
import { ApiErrorResponses } from '../../openapi/api-error-responses';
import { OpenStreams } from '../../sse/open-streams';
import { CloudStream } from './cloud-stream';
import { resumePoint } from './resume-point';
import { RECONNECT_AFTER_MS, toServerSentEvent } from './stream-frame';
import { StreamQueryDto } from './stream-query.dto';

@ApiTags('events')
@Controller('v1/stream')
export class StreamController {
  constructor(
    private readonly stream: CloudStream,
    private readonly streams: OpenStreams,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The live stream: every event as the manager keeps it, as server-sent events, resumable',
    description:
      'A `hello` frame first (`{"lastEventId":120,"at":"…"}`: the newest event kept), then an `events` frame ' +
      'per burst (`{"lastEventId":123,"events":[EventDto…]}`, at most one frame per client per 100 ms: an event after a quiet spell at once, a burst in one frame; its SSE id is ' +
      'the resume point). Resume with `since` or the `Last-Event-ID` header: the events missed are sent ' +
      'first, or a `reset` frame (`{"lastEventId":130,"reason":"…"}`) when they are no longer all kept (more ' +
      'than 1000, or pruned): read the state afresh then. A comment line every 15 s keeps it open; ' +
      '`retry: 2000` tells EventSource to reconnect after 2 s. With `metrics=true`, also a `metrics` frame ' +
      'after every sample (every second, STRATO_METRICS_SAMPLE_MS), the first right after the hello: ' +
      '`{"at":"…","pods":[{"at":"…","pod":"light","requestRate":42,"latencyP50Ms":12,"latencyP99Ms":130,' +
      '"queue":0,"sessions":3,"http5xxRate":0,"nodes":{"ready":2,"total":2},"desiredNodes":null,"cpuPercent":64.2}]}` ' +
      '(only the `pod` given, if one is). Metrics frames have no SSE id: they never move the resume point, ' +
      'and a missed one is not sent again (`GET /api/v1/pods/{pod}/metrics` has the history).',
    operationId: 'streamEvents',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'resume after this event id' })
  @ApiResponse({
    status: 200,
    description: 'the frames, as they come',
    content: {
      'text/event-stream': {
        schema: { type: 'string' },
        example:
          'event: hello\ndata: {"lastEventId":120,"at":"2026-12-02T10:00:00.000Z"}\n\n' +
          'id: 121\nevent: events\ndata: {"lastEventId":121,"events":[{"id":121,"type":"NodeOnline","pod":"light","node":"n1"}]}\n\n',
      },
    },
  })
  @ApiErrorResponses(400, 401)
  open(
    @Query() query: StreamQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() response: Response,
  ): void {
    const since = resumePoint(lastEventId, query.since);
    const pod = query.pod === undefined ? undefined : resolvePodAlias(query.pod);
    const sse = this.streams.start(response);
    sse.write(`retry: ${RECONNECT_AFTER_MS}\n\n`);
    const frames = this.stream
      .open({ since, pod, metrics: query.metrics ?? false })
      .subscribe((frame) => sse.write(toServerSentEvent(frame)));
    sse.gone.addEventListener('abort', () => frames.unsubscribe(), { once: true });
  }
}
