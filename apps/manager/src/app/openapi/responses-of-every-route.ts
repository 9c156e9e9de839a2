import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ResponseObject,
  ResponsesObject,
  SecurityRequirementObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ERROR_DESCRIPTIONS, ErrorDto } from './api-error-responses';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Named in components.responses, so each operation refers to them instead of repeating them. */
const SHARED: Record<string, { status: number; description: string }> = {
  StrayInput: {
    status: 400,
    description:
      'a query parameter or body the route does not take, or one it cannot read; the message says which',
  },
  Unauthorized: { status: 401, description: ERROR_DESCRIPTIONS[401] },
  Forbidden: { status: 403, description: ERROR_DESCRIPTIONS[403] },
  BodyTooLarge: { status: 413, description: 'the body is over 100 kB (the message gives the limit)' },
  UnreadableBody: {
    status: 415,
    description: 'the body is not JSON, or its charset or content encoding is unknown',
  },
  InternalError: {
    status: 500,
    description: 'an unexpected error; the message gives a request id to quote, the manager logs it',
  },
};

const needsToken = (security: SecurityRequirementObject[]) =>
  security.length > 0 && !security.some((requirement) => Object.keys(requirement).length === 0);

/**
 * What every route can answer whatever its handler does: the global input checks refuse a stray query
 * parameter or body (400), body-parser a body too large (413) or unreadable (415), the token guard a
 * missing or wrong token (401) or the other audience's (403), the exception filter anything unexpected
 * (500). Added where a route's own decorators say nothing, so a new route is documented with them too.
 */
export function documentResponsesOfEveryRoute(document: OpenAPIObject): OpenAPIObject {
  const error = { $ref: `#/components/schemas/${ErrorDto.name}` };
  const used = new Set<string>();
  const paths = Object.fromEntries(
    Object.entries(document.paths).map(([path, item]) => {
      const operations = METHODS.filter((m) => item[m]).map((method) => {
        const operation = item[method] as OperationObject;
        const guarded = needsToken(operation.security ?? document.security ?? []);
        const responses: ResponsesObject = { ...operation.responses };
        for (const [name, { status }] of Object.entries(SHARED)) {
          if ((status === 401 || status === 403) && !guarded) continue;
          if (responses[status]) continue;
          responses[status] = { $ref: `#/components/responses/${name}` };
          used.add(name);
        }
        const sorted = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
        return [method, { ...operation, responses: sorted }];
      });
      return [path, { ...item, ...Object.fromEntries(operations) }];
    }),
  );
  const shared: Record<string, ResponseObject> = Object.fromEntries(
    [...used].map((name) => [
      name,
      { description: SHARED[name].description, content: { 'application/json': { schema: error } } },
    ]),
  );
  return {
    ...document,
    paths,
    components: { ...document.components, responses: { ...document.components?.responses, ...shared } },
  };
}
