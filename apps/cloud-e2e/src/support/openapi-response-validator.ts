import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The parts of an OpenAPI 3.1 document a response is checked against. */
interface Response {
  $ref?: string;
  content?: Record<string, unknown>;
}

interface Document {
  paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
  components?: { responses?: Record<string, Response> };
}

/** What came back from the manager, as the proxy saw it. */
export interface ObservedResponse {
  method: string;
  /** The request path, query string and all. */
  url: string;
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

/** Keywords of OpenAPI 3.1's base dialect beside JSON Schema 2020-12's (Ajv refuses unknown ones). */
const OPENAPI_KEYWORDS = ['discriminator', 'xml', 'externalDocs', 'example'];

/** The document itself and Swagger UI, which the document does not (and need not) describe. */
const DOCS_PATH = /^\/api\/docs(-json)?(\/|$)/;

const pointer = (...segments: string[]) =>
  segments.map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/**
 * Checks responses against the manager's OpenAPI document: the route is documented, so is the status,
 * and the body is what that status's schema says (Ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it).
 */
export class OpenApiResponseValidator {
  private readonly ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  /** Path templates as patterns, the most literal first (`/pods/{pod}` would also match `/pods/x`). */
  private readonly routes: { template: string; pattern: RegExp }[];

  constructor(private readonly document: Document) {
    addFormats(this.ajv);
    // The whole document is one schema (its `#/components/...` refs resolve): its root fields are keywords.
    this.ajv.addVocabulary([...new Set([...OPENAPI_KEYWORDS, ...Object.keys(document)])]);
    this.ajv.addSchema({ ...document, $id: 'openapi' });
    this.routes = Object.keys(document.paths)
      .map((template) => ({
        template,
        params: (template.match(/\{/g) ?? []).length,
        pattern: new RegExp(
          `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`,
        ),
      }))
      .sort((a, b) => a.params - b.params);
  }

  /** Why the response breaks the document; undefined when it keeps it. */
  problemWith(response: ObservedResponse): string | undefined {
    const path = response.url.split('?')[0];
    if (DOCS_PATH.test(path)) return undefined;
    const method = response.method.toLowerCase();
    const template = this.routes.find((r) => r.pattern.test(path) && this.document.paths[r.template][method]);
    if (!template) return 'no operation of the document answers this method and path';
    const responses = this.document.paths[template.template][method].responses;
    const status = [String(response.status), `${String(response.status)[0]}XX`, 'default'].find(
      (s) => s in responses,
    );
    if (!status) {
      return `status ${response.status} is not documented (only ${Object.keys(responses).join(', ')})`;
    }
    const [documented, at] = this.resolve(responses[status], [
      'paths',
      template.template,
      method,
      'responses',
      status,
    ]);
    return this.bodyProblem(response, documented, at);
  }

  private resolve(response: Response, at: string[]): [Response, string[]] {
    const name = response.$ref?.replace('#/components/responses/', '');
    const shared = name === undefined ? undefined : this.document.components?.responses?.[name];
    return shared ? [shared, ['components', 'responses', name as string]] : [response, at];
  }

  private bodyProblem(response: ObservedResponse, documented: Response, at: string[]): string | undefined {
    const media = Object.keys(documented.content ?? {});
    const text = response.body.toString('utf8');
    if (media.length === 0) {
      return text.length === 0 ? undefined : `a body where the document says none: ${text.slice(0, 200)}`;
    }
    const type = response.contentType?.split(';')[0].trim().toLowerCase() ?? '';
    if (!media.includes(type)) return `Content-Type ${type || 'none'}, the document says ${media.join(', ')}`;
    // Server-sent events are frames, not one JSON document: their type is what the document can say.
    if (type === 'text/event-stream') return undefined;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return `a body that is not JSON: ${text.slice(0, 200)}`;
    }
    const ref = `openapi#/${pointer(...at, 'content', type, 'schema')}`;
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.compiled.set(ref, validate);
    }
    if (validate(body)) return undefined;
    return this.ajv.errorsText(validate.errors, { dataVar: 'body', separator: '; ' });
  }
}
