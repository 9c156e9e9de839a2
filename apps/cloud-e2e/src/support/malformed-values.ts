import fc from 'fast-check';
import { RawJson } from './json-text';
import type { Schema } from './openapi-operations';

const HUGE = 100_000;

/** Strings of 100k characters: ASCII fits the 100 kB body limit, the multi-byte ones may not. */
export const hugeString = fc.constantFrom(
  'a'.repeat(HUGE),
  '💥'.repeat(HUGE / 4),
  'é'.repeat(HUGE / 2),
  'x'.repeat(HUGE - 1) + '\u0000',
);

/** Emoji, right-to-left text, control and zero-width characters, lone surrogates, lookalikes. */
export const unicodeString = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
  fc.constantFrom(
    '👩‍👩‍👧‍👦💥',
    '\u202Egnp.exe',
    'مرحبا',
    'שָׁלוֹם',
    '\u0000\u0007\u001b[31m',
    'ｌｉｇｈｔ',
    'li\u200Bght',
    '\uFEFFlight',
    '\uD800',
    'e\u0301',
    '\r\n\t',
    'Ω≈ç√∫',
  ),
);

/** Values parsing to numbers no JSON encoder writes: ±Infinity after JSON.parse. */
const nonFiniteNumber = fc.constantFrom(
  new RawJson('1e999'),
  new RawJson('-1e999'),
  new RawJson('9'.repeat(400)),
  new RawJson(`-${'1'.repeat(400)}.5`),
);

const jsonNumberOf = (n: number) => Number(JSON.stringify(n));

/** Numbers outside the schema's declared bounds, or non-finite ones when it declares none. */
export function outOfRange(schema: Schema): fc.Arbitrary<unknown> {
  const { minimum, maximum } = schema;
  const options: fc.Arbitrary<unknown>[] = [nonFiniteNumber];
  if (minimum !== undefined) {
    options.push(
      fc
        .double({ max: minimum, noNaN: true, noDefaultInfinity: true })
        .filter((n) => jsonNumberOf(n) < minimum),
      fc.integer({ min: -1_000_000, max: Math.ceil(minimum) - 1 }),
    );
  }
  if (maximum !== undefined) {
    options.push(
      fc
        .double({ min: maximum, noNaN: true, noDefaultInfinity: true })
        .filter((n) => jsonNumberOf(n) > maximum),
      fc.integer({ min: Math.floor(maximum) + 1, max: Number.MAX_SAFE_INTEGER }),
    );
  }
  return fc.oneof(...options);
}

/** Schema-valid but odd numbers for fields without bounds: negative, fractional, zero, beyond 2^53. */
export const oddNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-1, 0, -0, 0.5, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_VALUE, 5e-324),
);

const isNumeric = (schema: Schema) => schema.type === 'number' || schema.type === 'integer';
const typeOf = (schema: Schema) => schema.type ?? (schema.enum ? 'string' : 'object');

/** A JSON value of another type than the schema's (null only where the schema is not nullable). */
export function wrongType(schema: Schema): fc.Arbitrary<unknown> {
  const type = typeOf(schema);
  const options: fc.Arbitrary<unknown>[] = [];
  if (type !== 'string') options.push(unicodeString, fc.constantFrom('1', 'true', 'NaN', ''));
  if (!isNumeric(schema)) options.push(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  if (type !== 'boolean') options.push(fc.boolean());
  if (!schema.nullable) options.push(fc.constant(null));
  if (type !== 'array') options.push(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }));
  if (type !== 'object')
    options.push(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }));
  return fc.oneof(...options);
}

/** Strings the schema's pattern or enum refuses: unicode, huge, empty, wrong case. */
export function refusedString(schema: Schema): fc.Arbitrary<string> {
  const pattern = schema.pattern ? new RegExp(schema.pattern) : undefined;
  const accepted = (s: string) => (pattern?.test(s) ?? true) && (schema.enum?.includes(s) ?? true);
  const upper = typeof schema.example === 'string' ? schema.example.toUpperCase() : 'X';
  return fc.oneof(unicodeString, hugeString, fc.constantFrom('', ' ', upper)).filter((s) => !accepted(s));
}

export const isConstrainedString = (schema: Schema) =>
  schema.type === 'string' && (schema.pattern !== undefined || schema.enum !== undefined);

/** Query values that are not a boolean or not a number (or outside its bounds); undefined for strings. */
export function refusedQueryValue(schema: Schema): fc.Arbitrary<string> | undefined {
  if (schema.type === 'boolean') {
    return fc
      .oneof(fc.constantFrom('maybe', 'yes', '1', '0', '', 'TRUE', 'on', ' true'), unicodeString)
      .filter((s) => s !== 'true' && s !== 'false');
  }
  if (!isNumeric(schema)) return undefined;
  const options: fc.Arbitrary<string>[] = [
    fc.constantFrom('abc', '', ' ', 'NaN', 'Infinity', '-Infinity', '1e999', '💥', '[]', 'null'),
    unicodeString.filter((s) => !Number.isFinite(Number(s))),
  ];
  const { minimum, maximum } = schema;
  if (minimum !== undefined) options.push(fc.integer({ min: -1e9, max: minimum - 1 }).map(String));
  if (maximum !== undefined) options.push(fc.integer({ min: maximum + 1, max: 1e12 }).map(String));
  return fc.oneof(...options);
}

/**
 * Malformed JSON: truncated, trailing comma, single quotes, comments, NaN, two documents, bad UTF-8, a
 * bare value. Not a leading BOM: RFC 8259 lets parsers ignore it, and body-parser does.
 */
export function malformedJson(valid: string): fc.Arbitrary<Buffer> {
  const text = fc.oneof(
    fc.integer({ min: 1, max: Math.max(1, valid.length - 1) }).map((n) => valid.slice(0, n)),
    fc.constantFrom(
      valid.replace(/}$/, ',}'),
      valid.replaceAll('"', "'"),
      valid.replace(/"(\w+)":/g, '$1:'),
      `/* note */${valid}`,
      `${valid}${valid}`,
      '{"a": NaN}',
      '{"a": undefined}',
      '{"a": 01}',
      '{"a": "\u0001"}',
      '{',
      '[',
      'null',
      '"just a string"',
      '42',
      'true',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
  );
  const bytes = text.filter(isNotJson).map((t) => Buffer.from(t));
  const badUtf8 = fc.constant(
    Buffer.concat([Buffer.from('{'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(valid.slice(1))]),
  );
  return fc.oneof(bytes, badUtf8);
}

function isNotJson(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value !== 'object' || value === null;
  } catch {
    return true;
  }
}

/** Valid JSON nested far deeper than any schema. */
export const deepNesting = fc
  .integer({ min: 1_000, max: 40_000 })
  .map((depth) => new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`));

/** encodeURIComponent, except that a lone surrogate becomes its WTF-8 bytes (invalid UTF-8) instead of throwing. */
export function percentEncode(text: string): string {
  return Array.from(text, (char) => {
    const code = char.charCodeAt(0);
    if (char.length > 1 || code < 0xd800 || code > 0xdfff) return encodeURIComponent(char);
    const bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
    return bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
  }).join('');
}

/** Names every object has: a lookup table indexed with one returns a member of Object.prototype. */
const PROTOTYPE_KEYS = ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf'];

/** Path segments sent as they are: dot segments, bad or partial percent-encodings, encoded slashes. */
const RAW_SEGMENTS = [
  '..',
  '.',
  '%',
  '%zz',
  '%E0%A4%A',
  '%2e%2e',
  '%2F',
  '%00',
  '..%2F..%2Fetc',
  '%25',
  '%u2603',
];

/** Path segments that name nothing: raw, unicode, 300 characters long, prototype keys. */
export function weirdSegment(isKnown: (segment: string) => boolean): fc.Arbitrary<string> {
  const decoded = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return fc
    .oneof(
      fc.constantFrom(...RAW_SEGMENTS),
      unicodeString.map(percentEncode),
      fc
        .constantFrom('-1', '1e999', 'NaN', 'null', "' OR 1=1 --", '<script>', '${x}', ' ', ...PROTOTYPE_KEYS)
        .map(percentEncode),
      fc.string({ unit: 'grapheme-ascii', minLength: 300, maxLength: 300 }).map(percentEncode),
      fc.constant('n'.repeat(300)),
    )
    .filter((s) => s.length > 0 && !isKnown(decoded(s).trim().toLowerCase()));
}

/** Field or parameter names outside `known`, unicode ones and names every object has among them. */
export const unknownKey = (known: Set<string>) =>
  fc
    .oneof(
      unicodeString,
      fc.constantFrom('force', 'verbose', '', 'a[b]', 'limit[]', 'POD', ...PROTOTYPE_KEYS),
    )
    .filter((key) => !known.has(key));
