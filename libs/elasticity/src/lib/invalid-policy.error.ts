export class InvalidPolicyError extends Error {
  readonly code = 'INVALID_SCALING_POLICY';
  override readonly name = 'InvalidPolicyError';

  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field} ${detail}`);
  }
}
