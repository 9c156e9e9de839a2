import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ErrorDto, ApiErrorResponses } from '../openapi/api-error-responses';
import { JobDto } from './job.dto';
import { WorkloadDto, workloadCatalogue } from './job-workload.dto';
import { JOBS_BODY_LIMIT_BYTES } from './jobs-body-limit';
import { JobsService } from './jobs.service';
import { ListJobsQueryDto } from './list-jobs-query.dto';
import { JobLogsDto, JobLogsQueryDto } from './logs/job-logs.dto';
import { JobLogsService } from './logs/job-logs.service';
import { streamFollowedLogs } from './logs/sse-log-stream';
import { OpenStreams } from '../sse/open-streams';
import { SubmitJobDto } from './submit-job.dto';

@ApiTags('jobs')
@ApiExtraModels(JobDto, JobLogsDto)
@Controller('v1/jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly logs: JobLogsService,
    private readonly streams: OpenStreams,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Submit a batch job to a pod: a catalogue workload or a script, once or as an array (count > 1)',
    operationId: 'submitJob',
  })
  @ApiCreatedResponse({
    description: 'the queued job; for count > 1 the array: its tasks, in index order',
    schema: {
      oneOf: [{ $ref: getSchemaPath(JobDto) }, { type: 'array', items: { $ref: getSchemaPath(JobDto) } }],
    },
  })
  @ApiErrorResponses(400, 401, 404, 429)
  @ApiResponse({
    status: 413,
    type: ErrorDto,
    description: `the body is over ${JOBS_BODY_LIMIT_BYTES} bytes (a script may have ${JOBS_BODY_LIMIT_BYTES / 2})`,
  })
  submit(@Body() body: SubmitJobDto): JobDto | JobDto[] {
    const jobs = this.jobs.submit(body);
    return (body.count ?? 1) > 1 ? jobs : jobs[0];
  }

  @Get()
  @ApiOperation({
    summary:
      'List batch jobs, newest first; filter by pod, node, status or array; page with limit and offset',
    operationId: 'listJobs',
  })
  @ApiOkResponse({ type: [JobDto] })
  @ApiErrorResponses(400, 401)
  list(@Query() query: ListJobsQueryDto): JobDto[] {
    return this.jobs.list(query);
  }

  @Get('workloads')
  @ApiOperation({
    summary: 'The workloads a batch job may run, with their parameters',
    operationId: 'listJobWorkloads',
  })
  @ApiOkResponse({ type: [WorkloadDto] })
  @ApiErrorResponses(401)
  workloads(): WorkloadDto[] {
    return workloadCatalogue();
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one batch job', operationId: 'getJob' })
  @ApiOkResponse({ type: JobDto })
  @ApiErrorResponses(401, 404)
  get(@Param('id') id: string): JobDto {
    return this.jobs.get(id);
  }

  @Get(':id/logs')
  @ApiOperation({
    summary:
      "A job's stored stdout and stderr (an attempt's, by default the last); with follow=true streamed as it comes",
    description:
      'JSON by default. With `follow=true` the answer is `text/event-stream`: an `attempt` event as each ' +
      'attempt starts (`{"attempt":2,"node":"n2"}`), a `line` event per line (`{"stream":"stdout","text":"…"}`), ' +
      'and an `end` event when the job (or the attempt asked for) ended ' +
      '(`{"status":"SUCCEEDED","attempt":{"number":1,"node":"n1","exitCode":0,"signal":null,"reason":null}}`), ' +
      'after which the stream closes; a comment line every 15 s keeps idle connections open.',
    operationId: 'getJobLogs',
  })
  @ApiResponse({
    status: 200,
    description: 'the lines stored so far (JSON), or, with follow=true, the lines as events',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(JobLogsDto) } },
      'text/event-stream': {
        schema: { type: 'string' },
        example: 'event: line\ndata: {"stream":"stdout","text":"hello"}\n\n',
      },
    },
  })
  @ApiErrorResponses(400, 401, 404)
  async getLogs(
    @Param('id') id: string,
    @Query() query: JobLogsQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    if (!query.follow) {
      response.status(200).json(this.logs.read(id, query));
      return;
    }
    this.logs.checkFollow(id, query);
    await streamFollowedLogs(this.streams.start(response), (signal) => this.logs.follow(id, query, signal));
  }

  @Post(':id/abort')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Abort a job: a QUEUED one is ABORTED at once, a RUNNING one is killed, then ABORTED (idempotent)',
    operationId: 'abortJob',
  })
  @ApiOkResponse({ type: JobDto, description: 'the job: ABORTED, or RUNNING with abortRequested' })
  @ApiErrorResponses(401, 404, 409)
  abort(@Param('id') id: string): JobDto {
    return this.jobs.abort(id);
  }
}
