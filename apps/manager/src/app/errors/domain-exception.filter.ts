import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DomainError, type DomainErrorKind } from './domain-error';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  details?: unknown;
  requestId?: string;
}

const STATUS_BY_KIND: Record<DomainErrorKind, HttpStatus> = {
  invalid: HttpStatus.BAD_REQUEST,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  overloaded: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/** Errors from the load-balancer adapters, known by their stable code. */
const STATUS_BY_CODE: Record<string, HttpStatus> = {
  LB_SERVER_NOT_FOUND: HttpStatus.NOT_FOUND,
  LB_POD_NOT_FOUND: HttpStatus.NOT_FOUND,
  LB_INVALID_WEIGHT: HttpStatus.BAD_REQUEST,
  LB_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** One place that turns every error into the house JSON body; internals never leave the process. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const body = this.toBody(exception, request);
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = STATUS_BY_KIND[exception.kind];
      return {
        statusCode,
        error: REASON[statusCode],
        message: exception.message,
        code: exception.code,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const raw = exception.getResponse();
      const fromRaw = typeof raw === 'object' && raw !== null ? (raw as Partial<ErrorBody>) : {};
      return {
        statusCode,
        error: REASON[statusCode] ?? fromRaw.error ?? 'Error',
        message: typeof fromRaw.message === 'string' ? fromRaw.message : exception.message,
        ...(fromRaw.details === undefined ? {} : { details: fromRaw.details }),
      };
    }
    const code = (exception as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code in STATUS_BY_CODE) {
      const statusCode = STATUS_BY_CODE[code];
      return { statusCode, error: REASON[statusCode], message: (exception as Error).message, code };
    }
    const requestId = randomUUID();
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error(
      `request ${requestId} ${request.method} ${request.path} failed: ${error.message}`,
      error.stack,
    );
    return {
      statusCode: 500,
      error: REASON[500],
      message: `internal error; quote request id ${requestId}`,
      requestId,
    };
  }
}
