/** A run that cannot be planned: bad rate, unbounded run, malformed target list. */
export class InvalidLoadOptionsError extends Error {
  readonly code = 'LOADGEN_INVALID_OPTIONS';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidLoadOptionsError';
  }
}
