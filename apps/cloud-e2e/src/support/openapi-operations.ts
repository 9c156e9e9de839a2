type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';

/**
 * The parts of an OpenAPI 3 document the bad-input fuzzer reads, with every `$ref` resolved, and null
 * said as 3.0 does (`nullable`) where the 3.1 document says `type: [T, 'null']` or `oneOf: [S, null]`.
 */
export interface Schema {
  type?: JsonType;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  example?: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}

interface RawOperation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, Schema> };
}

export type Audience = 'owner' | 'agent' | 'public';

export interface Operation {
  id: string;
  method: string;
  /** The path template, e.g. `/api/v1/pods/{pod}/pause`. */
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** The JSON body schema, resolved; undefined for routes that take no body. */
  body?: Schema;
  audience: Audience;
}

const isNull = (schema: Schema) => (schema.type as string) === 'null';

function resolve(schema: Schema, doc: OpenApiDocument): Schema {
  const types = schema.type as JsonType | (JsonType | 'null')[] | undefined;
  if (Array.isArray(types)) {
    const type = types.find((t): t is JsonType => t !== 'null');
    return resolve({ ...schema, type, nullable: types.includes('null') }, doc);
  }
  const [choice, ...others] = schema.oneOf?.filter((s) => !isNull(s)) ?? [];
  if (choice && others.length === 0 && schema.oneOf?.some(isNull)) {
    return { ...schema, ...resolve(choice, doc), oneOf: undefined, nullable: true };
  }
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(doc.components.schemas[name], doc);
  }
  const { properties, items } = schema;
  return {
    ...schema,
    ...(properties && {
      properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, resolve(v, doc)])),
    }),
    ...(items && { items: resolve(items, doc) }),
  };
}

function audienceOf(op: RawOperation): Audience {
  if (op.security === undefined) return 'owner';
  return op.security.some((s) => 'agent' in s) ? 'agent' : 'public';
}

/** Every operation of the document: method, path, parameters and body schema. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const parameters = op.parameters ?? [];
      const json = op.requestBody?.content['application/json'];
      return {
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
        body: json ? resolve(json.schema, doc) : undefined,
        audience: audienceOf(op),
      };
    }),
  );
}
