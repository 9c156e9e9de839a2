/** A server was added to a pod the load balancer does not know (upsertPod first). */
export class BalancedPodNotFoundError extends Error {
  readonly code = 'LB_POD_NOT_FOUND';
  constructor(readonly pod: string) {
    super(`load balancer has no pod ${pod}`);
    this.name = 'BalancedPodNotFoundError';
  }
}
