import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

/** One field a request body or query got wrong (a 400's `details`). */
const FIELD_PROBLEMS = {
  type: 'array',
  items: {
    type: 'object',
    required: ['field', 'reason'],
    properties: { field: { type: 'string' }, reason: { type: 'string' } },
  },
};

export class ErrorDto {
  @ApiProperty({ type: 'integer', example: 404, description: 'the HTTP status again' })
  statusCode!: number;

  @ApiProperty({ example: 'Not Found' })
  error!: string;

  @ApiProperty({ example: 'unknown pod "huge"; known pods: light, medium, heavy' })
  message!: string;

  @ApiProperty({ required: false, example: 'POD_NOT_FOUND' })
  code?: string;

  @ApiProperty({
    required: false,
    oneOf: [{ type: 'object', additionalProperties: true }, FIELD_PROBLEMS],
    description: 'a 400: each field and its reason; otherwise the ids involved (pod, node…)',
    example: { pod: 'huge', knownPods: ['light', 'medium', 'heavy'] },
  })
  details?: unknown;

  @ApiProperty({ required: false, description: 'a 500: quote it, the manager logs the error with it' })
  requestId?: string;
}

export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'invalid input: the message names each field and the reason',
  401: 'missing or wrong owner token',
  403: 'a valid token of the wrong audience (an agent credential on an owner route, the owner token on an agent route, one agent speaking for another) or a revoked agent joining',
  404: 'unknown pod or node',
  409: 'conflicts with the current state',
  422: 'every field is valid but together they cannot be applied (the message says why)',
  429: 'a limit on waiting work is reached (the message gives it); try again later',
  503: 'a dependency (agent, load balancer, node) is not available',
};

/** Documents the house error body for each listed status; a route that needs a token (401) can also be 403. */
export function ApiErrorResponses(...statuses: number[]): MethodDecorator {
  const documented = statuses.includes(401)
    ? [...new Set([...statuses, 403])].sort((a, b) => a - b)
    : statuses;
  return applyDecorators(
    ...documented.map((status) =>
      ApiResponse({ status, description: ERROR_DESCRIPTIONS[status], type: ErrorDto }),
    ),
  );
}
