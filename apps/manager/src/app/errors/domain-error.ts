/**
 * Errors the services raise. Each has a stable code; the exception filter maps the kind to an HTTP status,
 * so services never import HTTP exceptions.
 */
export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict' | 'unavailable';

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;

  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
