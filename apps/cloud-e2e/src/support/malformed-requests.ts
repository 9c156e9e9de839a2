import fc from 'fast-check';
import { toJsonText, withMember, withoutMember } from './json-text';
import {
  type Encoded,
  exampleOf,
  fieldsOf,
  objectsOf,
  strayBodyValue,
  wrongEncoding,
} from './malformed-bodies';
import {
  deepNesting,
  hugeString,
  isConstrainedString,
  malformedJson,
  oddNumber,
  outOfRange,
  percentEncode,
  refusedQueryValue,
  refusedString,
  unicodeString,
  unknownKey,
  weirdSegment,
  wrongType,
} from './malformed-values';
import type { Audience, Operation } from './openapi-operations';

export type Flaw =
  | 'wrong-type'
  | 'missing-required'
  | 'unknown-field'
  | 'huge-string'
  | 'unicode'
  | 'bad-number'
  | 'malformed-json'
  | 'wrong-content-type'
  | 'missing-body'
  | 'unexpected-body'
  | 'body-shape'
  | 'deep-nesting'
  | 'unknown-query'
  | 'bad-query-value'
  | 'weird-path-param'
  | 'chunked';

export interface FuzzTarget {
  /** Existing values of each path parameter, so that the flaw under test is the only thing wrong. */
  pathValues: Record<string, string[]>;
  /** Whether a decoded path segment names something that exists (a name, an alias): not weird enough. */
  isKnown(segment: string): boolean;
  /** Valid bodies by operation id, where the document's examples would not do (a taken name…). */
  bodies: Record<string, unknown>;
  auth: Record<Audience, Record<string, string>>;
}

export interface MalformedRequest {
  operation: string;
  method: string;
  /** Path and query as sent, percent-encoded or deliberately not. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  chunked: boolean;
  flaws: Flaw[];
}

interface Draft {
  pathValues: Record<string, string>;
  query: string[];
  /** The JSON value of the body; undefined: no body. */
  body: unknown;
  /** How the body goes on the wire when not as JSON text. */
  encoded?: Encoded;
  chunked: boolean;
  flaws: Flaw[];
}

type Mutation = (draft: Draft) => Draft;
const flawed =
  (flaw: Flaw, change: (draft: Draft) => Partial<Draft>): Mutation =>
  (draft) => ({ ...draft, ...change(draft), flaws: [...draft.flaws, flaw] });

const pair = (key: string, value: string) => `${percentEncode(key)}=${percentEncode(value)}`;

/** Flaws any operation can have: unknown or bad query parameters, weird path parameters. */
function addressFlaws(op: Operation, target: FuzzTarget): fc.Arbitrary<Mutation>[] {
  const known = new Set(op.queryParams.map((p) => p.name));
  const flaws = [
    fc
      .tuple(unknownKey(known), fc.oneof(fc.string({ maxLength: 20 }), unicodeString))
      .map(([key, value]) => flawed('unknown-query', (d) => ({ query: [...d.query, pair(key, value)] }))),
    fc
      .constantFrom('%zz=1', '=1', 'a', '%E0%A4%A=x', `${'q'.repeat(2000)}=1`)
      .map((raw) => flawed('unknown-query', (d) => ({ query: [...d.query, raw] }))),
  ];
  if (op.pathParams.length > 0) {
    const names = op.pathParams.map((p) => p.name);
    flaws.push(
      fc
        .tuple(fc.constantFrom(...names), weirdSegment(target.isKnown))
        .map(([name, value]) =>
          flawed('weird-path-param', (d) => ({ pathValues: { ...d.pathValues, [name]: value } })),
        ),
    );
  }
  for (const param of op.queryParams) {
    const refused = refusedQueryValue(param.schema);
    if (refused) {
      flaws.push(
        refused.map((v) => flawed('bad-query-value', (d) => ({ query: [...d.query, pair(param.name, v)] }))),
      );
    }
    flaws.push(
      fc.tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })).map(([a, b]) =>
        flawed('bad-query-value', (d) => ({
          query: [...d.query, pair(param.name, a), pair(param.name, b)],
        })),
      ),
    );
  }
  return flaws;
}

/** Flaws of the body of an operation that takes one, each breaking its schema. */
function bodyFlaws(op: Operation, valid: unknown): fc.Arbitrary<Mutation>[] {
  const schema = op.body ?? {};
  const fields = fieldsOf(schema, valid);
  const required = fields.filter((f) => f.required);
  const numbers = fields.filter((f) => f.schema.type === 'number' || f.schema.type === 'integer');
  const constrained = fields.filter((f) => isConstrainedString(f.schema));
  const set = (flaw: Flaw, path: (string | number)[], value: unknown) =>
    flawed(flaw, (d) => ({ body: withMember(d.body ?? valid, path, value) }));
  const unknownField = (flaw: Flaw, value: fc.Arbitrary<unknown>) =>
    fc
      .constantFrom(...objectsOf(schema, valid))
      .chain((at) =>
        fc.tuple(unknownKey(at.known), value).map(([key, v]) => set(flaw, [...at.path, key], v)),
      );
  const flaws = [
    fc.constantFrom(...fields).chain((f) => wrongType(f.schema).map((v) => set('wrong-type', f.path, v))),
    unknownField('unknown-field', fc.jsonValue({ maxDepth: 3 })),
    unknownField('huge-string', hugeString),
    unknownField('deep-nesting', deepNesting),
    fc
      .constantFrom<unknown>([], null, 'body', 42, true, [valid])
      .map((v) => flawed('body-shape', () => ({ body: v }))),
    malformedJson(toJsonText(valid)).map((bytes) =>
      flawed('malformed-json', () => ({ encoded: { contentType: 'application/json', bytes } })),
    ),
    wrongEncoding.map((encode) =>
      flawed('wrong-content-type', (d) => ({ encoded: encode(d.body ?? valid) })),
    ),
    fc
      .constantFrom<string | null>('application/json', 'text/plain', null)
      .map((contentType) =>
        flawed('missing-body', () => ({ body: undefined, encoded: { contentType, bytes: Buffer.alloc(0) } })),
      ),
  ];
  if (required.length > 0) {
    flaws.push(
      fc
        .constantFrom(...required)
        .map((f) => flawed('missing-required', (d) => ({ body: withoutMember(d.body ?? valid, f.path) }))),
    );
  }
  if (numbers.length > 0) {
    flaws.push(
      fc.constantFrom(...numbers).chain((f) => outOfRange(f.schema).map((v) => set('bad-number', f.path, v))),
    );
  }
  if (constrained.length > 0) {
    flaws.push(
      fc
        .constantFrom(...constrained)
        .chain((f) =>
          refusedString(f.schema).map((v) => set(v.length >= 100_000 ? 'huge-string' : 'unicode', f.path, v)),
        ),
    );
  }
  return flaws;
}

/** A body where the route takes none: JSON, malformed JSON, text, a form, huge, deeply nested. */
function strayBodyFlaws(): fc.Arbitrary<Mutation>[] {
  const stray = (encoded: fc.Arbitrary<Encoded | undefined>, value = strayBodyValue) =>
    fc.tuple(value, encoded).map(([body, enc]) => flawed('unexpected-body', () => ({ body, encoded: enc })));
  return [
    stray(fc.constant(undefined)),
    stray(fc.tuple(strayBodyValue, wrongEncoding).map(([v, encode]) => encode(v))),
    stray(malformedJson('{"x":1}').map((bytes) => ({ contentType: 'application/json', bytes }))),
    stray(hugeString.map((s) => ({ contentType: 'text/plain', bytes: Buffer.from(s) }))),
    stray(fc.constant(undefined), deepNesting),
  ];
}

/** Schema-valid oddities added on top of a flaw: unicode or huge free text, odd numbers, chunked bodies. */
function oddities(op: Operation, valid: unknown): fc.Arbitrary<Mutation>[] {
  const fields = op.body ? fieldsOf(op.body, valid) : [];
  const free = fields.filter((f) => f.schema.type === 'string' && !isConstrainedString(f.schema));
  const unbounded = fields.filter(
    (f) => f.schema.type === 'number' && f.schema.minimum === undefined && f.schema.maximum === undefined,
  );
  const odd = [fc.constant(flawed('chunked', () => ({ chunked: true })))];
  const set = (flaw: Flaw, path: (string | number)[], value: unknown) =>
    flawed(flaw, (d) => ({ body: d.body === undefined ? d.body : withMember(d.body, path, value) }));
  if (free.length > 0) {
    odd.push(fc.tuple(fc.constantFrom(...free), unicodeString).map(([f, v]) => set('unicode', f.path, v)));
    odd.push(fc.tuple(fc.constantFrom(...free), hugeString).map(([f, v]) => set('huge-string', f.path, v)));
  }
  if (unbounded.length > 0) {
    odd.push(
      fc.tuple(fc.constantFrom(...unbounded), oddNumber).map(([f, v]) => set('bad-number', f.path, v)),
    );
  }
  for (const param of op.queryParams.filter((p) => p.schema.type === 'string')) {
    odd.push(
      unicodeString.map((v) => flawed('unicode', (d) => ({ query: [...d.query, pair(param.name, v)] }))),
    );
  }
  return odd;
}

function toRequest(op: Operation, draft: Draft, auth: Record<string, string>): MalformedRequest {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => draft.pathValues[name]);
  const query = draft.query.length > 0 ? `?${draft.query.join('&')}` : '';
  const encoded: Encoded | undefined =
    draft.encoded ??
    (draft.body === undefined
      ? undefined
      : { contentType: 'application/json', bytes: Buffer.from(toJsonText(draft.body)) });
  const headers: Record<string, string> = { ...auth, ...encoded?.headers };
  if (encoded?.contentType) headers['content-type'] = encoded.contentType;
  const body = encoded && encoded.bytes.length > 0 ? encoded.bytes : undefined;
  const chunked = draft.chunked && body !== undefined;
  const flaws = draft.flaws.filter((flaw) => flaw !== 'chunked' || chunked);
  return { operation: op.id, method: op.method, path: path + query, headers, body, chunked, flaws };
}

/**
 * Requests to one operation, each with at least one flaw that breaks the OpenAPI document (or, for a
 * body where the route takes none, the rule that it takes none), plus up to two schema-valid oddities.
 */
export function malformedRequests(op: Operation, target: FuzzTarget): fc.Arbitrary<MalformedRequest> {
  const valid = op.body ? (target.bodies[op.id] ?? exampleOf(op.body)) : undefined;
  const pathValues = fc.record(
    Object.fromEntries(op.pathParams.map((p) => [p.name, fc.constantFrom(...target.pathValues[p.name])])),
  );
  const flaws = [...addressFlaws(op, target), ...(op.body ? bodyFlaws(op, valid) : strayBodyFlaws())];
  return fc
    .tuple(pathValues, fc.array(fc.oneof(...oddities(op, valid)), { maxLength: 2 }), fc.oneof(...flaws))
    .map(([values, odd, flaw]) => {
      const base: Draft = { pathValues: values, query: [], body: valid, chunked: false, flaws: [] };
      const draft = flaw(odd.reduce((d, apply) => apply(d), base));
      return toRequest(op, draft, target.auth[op.audience]);
    });
}
