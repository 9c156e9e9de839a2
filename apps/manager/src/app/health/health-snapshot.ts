import { ServiceUnavailableException } from '@nestjs/common';
import type { HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import type { HealthIndicators } from './health-indicators';

/** One round of checks: terminus' result, and whether every dependency answered. */
export interface HealthSnapshot {
  up: boolean;
  result: HealthCheckResult;
}

export interface PublicHealth {
  status: 'up' | 'degraded';
}

/** Checks the store, the agents and the load balancer; a dependency that is down is a result, not an error. */
export async function checkHealth(
  health: HealthCheckService,
  indicators: HealthIndicators,
): Promise<HealthSnapshot> {
  try {
    const result = await health.check([
      () => indicators.store(),
      () => indicators.agentsUp(),
      () => indicators.loadBalancer(),
    ]);
    return { up: true, result };
  } catch (error) {
    // Terminus reports a failed check by throwing a 503 whose body is the whole result.
    if (error instanceof ServiceUnavailableException) {
      return { up: false, result: error.getResponse() as HealthCheckResult };
    }
    throw error;
  }
}

export const publicHealth = (snapshot: HealthSnapshot): PublicHealth => ({
  status: snapshot.up ? 'up' : 'degraded',
});
