/** The load balancer has no such node in that pod (or no such pod). */
export class BalancedServerNotFoundError extends Error {
  readonly code = 'LB_SERVER_NOT_FOUND';
  constructor(
    readonly pod: string,
    readonly nodeId: string,
  ) {
    super(`load balancer has no node ${nodeId} in pod ${pod}`);
    this.name = 'BalancedServerNotFoundError';
  }
}
