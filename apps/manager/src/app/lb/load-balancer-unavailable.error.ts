import { HaproxyError } from '@strato/haproxy';

/** The balancer could not apply a change right now (HAProxy restarting, a reload refused, a socket gone). */
export class LoadBalancerUnavailableError extends Error {
  readonly code = 'LB_UNAVAILABLE';
  constructor(
    readonly operation: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(
      `the load balancer could not ${operation} (${reason}); nothing was changed: it may be restarting, try again in a moment`,
      options,
    );
    this.name = 'LoadBalancerUnavailableError';
  }
}

/** Rejects with LoadBalancerUnavailableError where HAProxy failed; other errors pass as they are. */
export function unlessHaproxyFailed(operation: string): (error: unknown) => never {
  return (error: unknown) => {
    if (error instanceof HaproxyError) {
      throw new LoadBalancerUnavailableError(operation, `${error.code}: ${error.message}`, { cause: error });
    }
    throw error;
  };
}
