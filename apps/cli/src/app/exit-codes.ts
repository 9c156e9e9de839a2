import { StratoApiError } from '@strato/api-client';

/** Exit codes scripts can rely on. */
export const EXIT = {
  ok: 0,
  /** The manager refused the request (bad input, unknown name, conflict, auth). */
  refused: 1,
  /** Wrong usage of the command line itself. */
  usage: 2,
  /** The manager could not be reached, or failed. */
  unavailable: 3,
  /** A job waited for (--wait) ended other than SUCCEEDED. */
  jobFailed: 4,
} as const;

/** A command that ran but whose outcome scripts must see in the exit code (a job that failed). */
export class CommandFailedError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
    this.name = 'CommandFailedError';
  }
}

/** Node's codes for a certificate it could not verify: the manager is up, the trust is missing. */
const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function describeFailure(error: unknown, url: string): { message: string; code: number } {
  if (error instanceof CommandFailedError) return { message: error.message, code: error.code };
  if (error instanceof StratoApiError) {
    if (error.status === 401) {
      return { message: `${error.message}\nset STRATO_TOKEN or pass --token`, code: EXIT.refused };
    }
    return { message: error.message, code: error.status >= 500 ? EXIT.unavailable : EXIT.refused };
  }
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  if (cause !== undefined && TLS_CODES.has(cause)) {
    return {
      message: `the manager at ${url} answered, but its TLS certificate is not trusted here (${cause}); give the CLI the CA that signed it: NODE_EXTRA_CA_CERTS=/path/to/ca.pem (docs/deploy.md)`,
      code: EXIT.unavailable,
    };
  }
  if (cause === 'ECONNREFUSED' || (error as Error).message === 'fetch failed') {
    return {
      message: `cannot reach the manager at ${url} (${cause ?? 'fetch failed'}); is it running? (npm start)`,
      code: EXIT.unavailable,
    };
  }
  return { message: (error as Error).message, code: EXIT.unavailable };
}
