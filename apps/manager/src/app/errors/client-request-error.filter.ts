import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { DomainExceptionFilter } from './domain-exception.filter';

interface HttpError extends Error {
  status: number;
  expose?: boolean;
  limit?: number;
}

/**
 * The http-errors that body-parser raises before any route runs (413 too large, 415 unknown charset or
 * content encoding, 400 corrupt gzip), which mark themselves `expose`. Their classes are not exported,
 * so they are matched by shape.
 */
export abstract class ClientRequestError {
  static [Symbol.hasInstance](value: unknown): boolean {
    const { status, expose } = (value ?? {}) as Partial<HttpError>;
    return (
      value instanceof Error &&
      !(value instanceof HttpException) &&
      expose === true &&
      typeof status === 'number' &&
      status >= 400 &&
      status < 500
    );
  }
}

/** Answers those with their own 4xx status in the house error body, instead of a 500. */
@Catch(ClientRequestError)
export class ClientRequestErrorFilter implements ExceptionFilter {
  private readonly house = new DomainExceptionFilter();

  catch(error: HttpError, host: ArgumentsHost): void {
    const limit = error.status === 413 && error.limit !== undefined ? ` (at most ${error.limit} bytes)` : '';
    const body = {
      statusCode: error.status,
      error: STATUS_CODES[error.status],
      message: error.message + limit,
    };
    this.house.catch(new HttpException(body, error.status), host);
  }
}
