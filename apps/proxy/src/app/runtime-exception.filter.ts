import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import {
  InterpreterUnavailableError,
  NodeAlreadyExistsError,
  NodeNotFoundError,
  NodeNotRunningError,
  RuntimeUnavailableError,
} from '@strato/runtime';
import type { Response } from 'express';
import { JobAttemptNotFoundError, JobAttemptRunningError } from './jobs/job-attempt-errors';
import { IncarnationMismatchError } from './nodes/incarnation-mismatch.error';

const STATUS: ReadonlyArray<[new (...args: never[]) => Error, number, string]> = [
  [NodeNotFoundError, 404, 'Not Found'],
  [NodeAlreadyExistsError, 409, 'Conflict'],
  [IncarnationMismatchError, 409, 'Conflict'],
  [NodeNotRunningError, 409, 'Conflict'],
  [JobAttemptNotFoundError, 404, 'Not Found'],
  [JobAttemptRunningError, 409, 'Conflict'],
  [InterpreterUnavailableError, 422, 'Unprocessable Entity'],
  [RangeError, 400, 'Bad Request'],
  [RuntimeUnavailableError, 503, 'Service Unavailable'],
];

/** Runtime errors to 404/409/503 JSON; anything unexpected is logged and answered without internals. */
@Catch()
export class RuntimeExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const raw = exception.getResponse();
      const message =
        typeof raw === 'object' && raw && 'message' in raw
          ? (raw as { message: unknown }).message
          : exception.message;
      response.status(exception.getStatus()).json({
        statusCode: exception.getStatus(),
        error: exception.name,
        message: Array.isArray(message) ? message.join('; ') : message,
      });
      return;
    }
    const match = STATUS.find(([type]) => exception instanceof type);
    if (match) {
      response
        .status(match[1])
        .json({ statusCode: match[1], error: match[2], message: (exception as Error).message });
      return;
    }
    this.logger.error((exception as Error)?.message ?? String(exception), (exception as Error)?.stack);
    response
      .status(500)
      .json({ statusCode: 500, error: 'Internal Server Error', message: 'the agent failed; see its log' });
  }
}
