/** The operation needs a live node (pause, resume, stats) but it is created or exited. */
export class NodeNotRunningError extends Error {
  readonly code = 'NODE_NOT_RUNNING';
  override readonly name = 'NodeNotRunningError';

  constructor(
    readonly nodeId: string,
    readonly operation: string,
    options?: ErrorOptions,
  ) {
    super(`node ${nodeId} is not running: cannot ${operation} it`, options);
  }
}
