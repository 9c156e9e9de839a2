import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = { [keyword: string]: unknown };

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keywords that say something about a value without constraining it: they stay beside the `null` choice. */
const ANNOTATIONS = ['title', 'description', 'example', 'examples', 'default', 'deprecated', 'readOnly'];

/** The keywords whose values are schemas (or maps or lists of them), to walk into. */
const SINGLE = ['items', 'not', 'additionalProperties', 'contains', 'if', 'then', 'else'];
const LISTS = ['allOf', 'oneOf', 'anyOf', 'prefixItems'];
const MAPS = ['properties', 'patternProperties', '$defs'];

function withNull(schema: Schema): Schema {
  const rest = { ...schema };
  delete rest['nullable'];
  const { type, allOf, oneOf, anyOf, $ref } = rest;
  if (typeof type === 'string' && !allOf && !oneOf && !anyOf && !$ref) {
    const values = rest['enum'];
    return {
      ...rest,
      type: [type, 'null'],
      ...(Array.isArray(values) && !values.includes(null) && { enum: [...values, null] }),
    };
  }
  // A nested DTO: Nest writes `{type: object, nullable, allOf: [{$ref}]}`, whose `allOf` refuses null.
  const annotations = Object.fromEntries(ANNOTATIONS.filter((k) => k in rest).map((k) => [k, rest[k]]));
  const constraints = Object.fromEntries(Object.entries(rest).filter(([k]) => !ANNOTATIONS.includes(k)));
  const onlyRef = Object.keys(constraints).every((k) => k === 'allOf' || (k === 'type' && type === 'object'));
  if (Array.isArray(allOf) && allOf.length === 1 && onlyRef) {
    return { ...annotations, oneOf: [allOf[0], { type: 'null' }] };
  }
  if (Object.keys(constraints).length === 0) return annotations;
  // anyOf: the constraints may admit null themselves (a oneOf inside), and oneOf would then refuse it.
  return { ...annotations, anyOf: [constraints, { type: 'null' }] };
}

/** 3.0 says an exclusive bound with a boolean beside `minimum`/`maximum`; 3.1 gives the bound itself. */
function exclusiveBounds(schema: Schema): Schema {
  const out = { ...schema };
  for (const [exclusive, inclusive] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ]) {
    if (typeof out[exclusive] !== 'boolean') continue;
    if (out[exclusive] === true) out[exclusive] = out[inclusive];
    else delete out[exclusive];
    if (out[exclusive] !== undefined) delete out[inclusive];
  }
  return out;
}

function convert(schema: Schema): Schema {
  const out: Schema = exclusiveBounds(schema);
  for (const key of SINGLE) if (isSchema(out[key])) out[key] = convert(out[key]);
  for (const key of LISTS) {
    const list = out[key];
    if (Array.isArray(list)) out[key] = list.map((s) => (isSchema(s) ? convert(s) : s));
  }
  for (const key of MAPS) {
    const map = out[key];
    if (isSchema(map)) {
      out[key] = Object.fromEntries(
        Object.entries(map).map(([name, s]) => [name, isSchema(s) ? convert(s) : s]),
      );
    }
  }
  return out['nullable'] === true ? withNull(out) : out;
}

function convertContent(holder: Schema): void {
  if (isSchema(holder['schema'])) holder['schema'] = convert(holder['schema']);
  const content = holder['content'];
  if (isSchema(content))
    for (const media of Object.values(content)) if (isSchema(media)) convertContent(media);
}

/**
 * OpenAPI 3.1 (JSON Schema 2020-12) from what @nestjs/swagger writes, which is 3.0: `nullable: true` and
 * boolean `exclusiveMinimum`. Strict validators read 3.0.3 literally: `nullable` only widens the `type`
 * beside it, never a `$ref` inside `allOf`, so `latency: null` failed "must be object". Here every
 * nullable schema says `type: [T, 'null']`, or `oneOf: [{$ref}, {type: 'null'}]` for a nested DTO.
 */
export function asOpenApi31(document: OpenAPIObject): OpenAPIObject {
  const doc = structuredClone(document) as unknown as Schema;
  const components = doc['components'];
  if (isSchema(components)) {
    for (const section of ['schemas', 'parameters', 'requestBodies', 'responses', 'headers']) {
      const entries = components[section];
      if (!isSchema(entries)) continue;
      for (const [name, entry] of Object.entries(entries)) {
        if (!isSchema(entry)) continue;
        if (section === 'schemas') entries[name] = convert(entry);
        else convertContent(entry);
      }
    }
  }
  for (const item of Object.values(isSchema(doc['paths']) ? doc['paths'] : {})) {
    for (const operation of Object.values(isSchema(item) ? item : {})) {
      if (!isSchema(operation)) continue;
      const parameters = operation['parameters'];
      if (Array.isArray(parameters)) for (const p of parameters) if (isSchema(p)) convertContent(p);
      if (isSchema(operation['requestBody'])) convertContent(operation['requestBody']);
      const responses = operation['responses'];
      if (isSchema(responses)) for (const r of Object.values(responses)) if (isSchema(r)) convertContent(r);
    }
  }
  // Nest types the document as 3.0; the JSON it serves and emits is what counts.
  return { ...(doc as unknown as OpenAPIObject), openapi: '3.1.0' };
}
