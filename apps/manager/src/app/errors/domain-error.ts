/**
 * Errors the services raise. Each has a stable code; the exception filter maps the kind to an HTTP status,
 * so services never import HTTP exceptions.
 */
/**
 * `unprocessable`: every field is well-formed (that is checked by validation, 400) but together they
 * cannot be applied, such as a lower threshold above the upper one. `invalid`: a field is wrong in a way
 * only the service can tell (a workload's parameter), answered like a validation error (400).
 * `overloaded`: a limit on waiting work is reached; trying later may succeed (429).
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unprocessable'
  | 'not-found'
  | 'conflict'
  | 'overloaded'
  | 'unavailable';

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
