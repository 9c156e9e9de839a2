/** The runtime itself cannot serve requests (engine down, image missing, binary missing); the message says what to do. */
export class RuntimeUnavailableError extends Error {
  readonly code = 'RUNTIME_UNAVAILABLE';
  override readonly name = 'RuntimeUnavailableError';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
