/** The manager refused the owner token (HTTP 401). */
export class UnauthorizedError extends Error {
  readonly code = 'UNAUTHORIZED';

  constructor() {
    super('The manager refused the owner token');
    this.name = 'UnauthorizedError';
  }
}

/** The manager answered with a status other than 2xx or 401. */
export class ApiRequestError extends Error {
  readonly code = 'API_REQUEST_FAILED';

  constructor(
    readonly path: string,
    readonly status: number,
    detail: string,
  ) {
    super(`GET ${path} answered ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'ApiRequestError';
  }
}
