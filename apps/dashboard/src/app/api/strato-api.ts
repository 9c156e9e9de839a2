import { Injectable, inject } from '@angular/core';
import {
  type CloudStatus,
  type Elasticity,
  type Node,
  type Pod,
  StratoApiError,
  unwrap,
  type components,
} from '@strato/api-client';

import type { MetricsRange } from '@strato/contracts';
import { StratoClients } from './strato-clients';

export { FETCH, type Fetch } from './fetch';

export type HealthDetails = components['schemas']['HealthDetailsDto'];
export type PodMetricsHistory = components['schemas']['PodMetricsDto'];

/**
 * The manager's read API, through the client generated from its OpenAPI document. Failures reject
 * with the client's `StratoApiError` (see `api-errors.ts`).
 */
@Injectable({ providedIn: 'root' })
export class StratoApi {
  private readonly clients = inject(StratoClients);

  listPods(token: string): Promise<Pod[]> {
    return unwrap(this.clientFor(token).GET('/api/v1/pods'));
  }

  listNodes(token: string): Promise<Node[]> {
    return unwrap(this.clientFor(token).GET('/api/v1/nodes'));
  }

  listElasticity(token: string): Promise<Elasticity[]> {
    return unwrap(this.clientFor(token).GET('/api/v1/elasticity'));
  }

  /** Pods, agents (asked by the manager now) and the load balancer. */
  cloudStatus(token: string): Promise<CloudStatus> {
    return unwrap(this.clientFor(token).GET('/api/v1/cloud/status'));
  }

  /** The pod's numbers over `range`, bucketed by the manager (at most ~900 points a series). */
  podMetrics(token: string, pod: string, range: MetricsRange): Promise<PodMetricsHistory> {
    return unwrap(
      this.clientFor(token).GET('/api/v1/pods/{pod}/metrics', {
        params: { path: { pod }, query: { range } },
      }),
    );
  }

  /** Each dependency's state (store, agents, load balancer); answered with a 503 when one is down. */
  async health(token: string): Promise<HealthDetails> {
    const { data, error, response } = await this.clientFor(token).GET('/api/health');
    const body = (data ?? error) as HealthDetails | undefined;
    if (body?.details) return body;
    throw new StratoApiError(response.status, `${response.status} ${response.statusText}`, error);
  }

  private clientFor(token: string) {
    return this.clients.for(token);
  }
}
