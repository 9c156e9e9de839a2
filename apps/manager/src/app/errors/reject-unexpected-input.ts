import type { INestApplication } from '@nestjs/common';
import { ClientRequestErrorFilter } from './client-request-error.filter';
import { NoUnexpectedInputInterceptor } from './no-unexpected-input.interceptor';

/**
 * Bad input gets a 4xx naming the problem and changes nothing. Call after the house exception filter is
 * registered: Nest tries the filters registered last first.
 */
export function rejectUnexpectedInput(app: INestApplication): void {
  app.useGlobalInterceptors(new NoUnexpectedInputInterceptor());
  app.useGlobalFilters(new ClientRequestErrorFilter());
}
