/**
 * Errors the services raise. Each has a stable code; the exception filter maps the kind to an HTTP status,
 * so services never import HTTP exceptions.
 */
/**
 * `unprocessable`: every field is well-formed (that is checked by validation, 400) but together they
 * cannot be applied, such as a lower threshold above the upper one.
 */
export type DomainErrorKind = 'unprocessable' | 'not-found' | 'conflict' | 'unavailable';

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
