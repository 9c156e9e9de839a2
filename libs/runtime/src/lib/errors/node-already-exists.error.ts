export class NodeAlreadyExistsError extends Error {
  readonly code = 'NODE_EXISTS';
  override readonly name = 'NodeAlreadyExistsError';

  constructor(
    readonly nodeId: string,
    options?: ErrorOptions,
  ) {
    super(`node ${nodeId} already exists`, options);
  }
}
