export class NodeNotFoundError extends Error {
  readonly code = 'NODE_NOT_FOUND';
  override readonly name = 'NodeNotFoundError';

  constructor(
    readonly nodeId: string,
    options?: ErrorOptions,
  ) {
    super(`node ${nodeId} not found`, options);
  }
}
