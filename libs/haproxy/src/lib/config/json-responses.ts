import { HaproxyArgumentError } from '../errors';
import { noOnlineNodeBody, RETRY_AFTER_SECONDS } from '@strato/contracts';

/** A rule answering with a JSON body, e.g. `http-request return status 404 content-type ... string '{...}'`. */
export function jsonResponse(
  rule: 'http-request return' | 'http-error',
  status: number,
  body: string,
  headers: Readonly<Record<string, string>> = {},
): string {
  // Single quotes are haproxy's strong quoting: the JSON's double quotes pass through untouched.
  if (body.includes("'"))
    throw new HaproxyArgumentError(`response body must not contain a single quote: ${body}`);
  const hdrs = Object.entries(headers).map(([name, value]) => {
    if (!/^[A-Za-z-]+$/.test(name) || !/^[\w.-]+$/.test(value))
      throw new HaproxyArgumentError(`invalid response header ${name}: ${value}`);
    return ` hdr ${name} ${value}`;
  });
  return `${rule} status ${status} content-type application/json string '${body}'${hdrs.join('')}`;
}

/** What a refused end user is told about when to come back. */
export const RETRY_LATER = { 'Retry-After': String(RETRY_AFTER_SECONDS) } as const;

/**
 * The backend's own 503 (no usable server) as JSON. Deliberately not a frontend rule on
 * `nbsrv(be) eq 0`: a freshly reloaded worker reads nbsrv 0 for its first few milliseconds while it
 * already routes fine (measured: 22 spurious 503s in 20k keep-alive requests over 4 reloads; 0 this way).
 */
export function renderNoServerError(pod: string): string {
  return jsonResponse('http-error', 503, noOnlineNodeBody(pod), RETRY_LATER);
}
