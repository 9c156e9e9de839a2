import fc from 'fast-check';
import { type JsonPath, RawJson, toJsonText } from './json-text';
import type { Schema } from './openapi-operations';

/** A field of a body schema, found by walking it beside a valid value (array items: the first). */
export interface Field {
  path: JsonPath;
  schema: Schema;
  required: boolean;
}

export function fieldsOf(schema: Schema, value: unknown, path: JsonPath = []): Field[] {
  const field = (s: Schema, v: unknown, p: JsonPath, required: boolean): Field[] => [
    { path: p, schema: s, required },
    ...fieldsOf(s, v, p),
  ];
  if (schema.items && Array.isArray(value) && value.length > 0) {
    return field(schema.items, value[0], [...path, 0], false);
  }
  const member = (key: string) => (value as Record<string, unknown> | undefined)?.[key];
  return Object.entries(schema.properties ?? {}).flatMap(([key, s]) =>
    field(s, member(key), [...path, key], schema.required?.includes(key) ?? false),
  );
}

/** The objects in a body (the root, array items) where an unknown field can go, with their fields. */
export const objectsOf = (schema: Schema, value: unknown): { path: JsonPath; known: Set<string> }[] =>
  [{ path: [], schema }, ...fieldsOf(schema, value)]
    .filter((f) => f.schema.properties !== undefined)
    .map((f) => ({ path: f.path, known: new Set(Object.keys(f.schema.properties ?? {})) }));

/** A valid value from the schema: its examples, else the first enum member, the minimum, a placeholder. */
export function exampleOf(schema: Schema): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      return 'x';
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return schema.items ? [exampleOf(schema.items)] : [];
  }
  const kept = Object.entries(schema.properties ?? {}).filter(
    ([key, s]) => schema.required?.includes(key) || s.example !== undefined,
  );
  return Object.fromEntries(kept.map(([key, s]) => [key, exampleOf(s)]));
}

/** How a body goes on the wire. `contentType` null: no Content-Type header at all. */
export interface Encoded {
  contentType: string | null;
  bytes: Buffer;
  headers?: Record<string, string>;
}

function entriesOf(value: unknown): [string, string][] {
  const entries: [string, unknown][] =
    typeof value === 'object' && value !== null ? Object.entries(value) : [['value', value]];
  const text = (v: unknown) => (typeof v === 'string' ? v : toJsonText(v));
  return entries.length > 0 ? entries.map(([k, v]) => [k, text(v)]) : [['a', '1']];
}

const form = (value: unknown) => new URLSearchParams(entriesOf(value)).toString();
const xml = (value: unknown) =>
  `<?xml version="1.0"?><body>${entriesOf(value)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('')}</body>`;
const multipart = (value: unknown) =>
  `${entriesOf(value)
    .map(([k, v]) => `--fuzz\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('')}--fuzz--\r\n`;

/** The same value sent as anything but plain JSON: form, XML, text, an unknown charset or encoding. */
export const wrongEncoding: fc.Arbitrary<(value: unknown) => Encoded> = fc.constantFrom(
  (v: unknown) => ({ contentType: 'text/plain', bytes: Buffer.from(toJsonText(v)) }),
  (v: unknown) => ({ contentType: 'application/x-www-form-urlencoded', bytes: Buffer.from(form(v)) }),
  (v: unknown) => ({ contentType: 'application/xml', bytes: Buffer.from(xml(v)) }),
  (v: unknown) => ({ contentType: 'multipart/form-data; boundary=fuzz', bytes: Buffer.from(multipart(v)) }),
  (v: unknown) => ({ contentType: 'application/octet-stream', bytes: Buffer.from(toJsonText(v)) }),
  (v: unknown) => ({ contentType: null, bytes: Buffer.from(toJsonText(v)) }),
  (v: unknown) => ({ contentType: 'text/json', bytes: Buffer.from(toJsonText(v)) }),
  (v: unknown) => ({ contentType: 'application/merge-patch+json', bytes: Buffer.from(toJsonText(v)) }),
  (v: unknown) => ({ contentType: 'application/json; charset=klingon', bytes: Buffer.from(toJsonText(v)) }),
  (v: unknown) => ({ contentType: 'application/json; charset=utf-16', bytes: Buffer.from(toJsonText(v)) }),
  (v: unknown) => ({
    contentType: 'application/json',
    bytes: Buffer.from(toJsonText(v)),
    headers: { 'content-encoding': 'klingon' },
  }),
  (v: unknown) => ({
    contentType: 'application/json',
    bytes: Buffer.from(toJsonText(v)),
    headers: { 'content-encoding': 'gzip' },
  }),
);

/** A body for a route that takes none: any JSON at all, or text, or a form. */
export const strayBodyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant({}),
  fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant(new RawJson('{"x":1}')),
);
