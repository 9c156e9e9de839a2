import { HaproxyArgumentError } from '../errors';
import { noOnlineNodeBody } from '@strato/contracts';

/** A rule answering with a JSON body, e.g. `http-request return status 404 content-type ... string '{...}'`. */
export function jsonResponse(
  rule: 'http-request return' | 'http-error',
  status: number,
  body: string,
): string {
  // Single quotes are haproxy's strong quoting: the JSON's double quotes pass through untouched.
  if (body.includes("'"))
    throw new HaproxyArgumentError(`response body must not contain a single quote: ${body}`);
  return `${rule} status ${status} content-type application/json string '${body}'`;
}

/**
 * The backend's own 503 (no usable server) as JSON. Deliberately not a frontend rule on
 * `nbsrv(be) eq 0`: a freshly reloaded worker reads nbsrv 0 for its first few milliseconds while it
 * already routes fine (measured: 22 spurious 503s in 20k keep-alive requests over 4 reloads; 0 this way).
 */
export function renderNoServerError(pod: string): string {
  return jsonResponse('http-error', 503, noOnlineNodeBody(pod));
}
