/** A JSON token written as is: what JSON.stringify cannot produce (`1e999`, a 400-digit integer, deep nesting). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may hold RawJson tokens; own `__proto__` keys are written like any other. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export type JsonPath = (string | number)[];

const REMOVE = Symbol('remove');

/** A copy of `value` with the member at `path` replaced (or removed); the rest is shared. */
export function withMember(value: unknown, path: JsonPath, member: unknown | typeof REMOVE): unknown {
  if (path.length === 0) return member;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  if (rest.length === 0 && member === REMOVE) delete copy[head];
  else
    Object.defineProperty(copy, head, {
      value: withMember(copy[head], rest, member),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

export const withoutMember = (value: unknown, path: JsonPath): unknown => withMember(value, path, REMOVE);
