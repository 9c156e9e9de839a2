import { DOCUMENT, Injectable, InjectionToken, inject } from '@angular/core';
import {
  type CloudStatus,
  createStratoClient,
  type Elasticity,
  type Node,
  type Pod,
  type StratoClient,
  StratoApiError,
  unwrap,
  type components,
} from '@strato/api-client';

export type HealthDetails = components['schemas']['HealthDetailsDto'];

export type Fetch = typeof fetch;

export const FETCH = new InjectionToken<Fetch>('FETCH', {
  providedIn: 'root',
  // openapi-fetch calls fetch detached from window, which browsers reject as an illegal invocation.
  factory: () => globalThis.fetch.bind(globalThis),
});

/**
 * The manager's read API, through the client generated from its OpenAPI document. Failures reject
 * with the client's `StratoApiError` (see `api-errors.ts`).
 */
@Injectable({ providedIn: 'root' })
export class StratoApi {
  private readonly fetch = inject(FETCH);
  // The manager serves the dashboard, so the API is on the page's origin. An empty base URL would work
  // in a browser only: outside one (jsdom, Node) `new Request('/api/…')` cannot resolve a relative URL.
  private readonly baseUrl = inject(DOCUMENT).location.origin;
  private current: { readonly token: string; readonly client: StratoClient } | null = null;

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

  /** Each dependency's state (store, agents, load balancer); answered with a 503 when one is down. */
  async health(token: string): Promise<HealthDetails> {
    const { data, error, response } = await this.clientFor(token).GET('/api/health');
    const body = (data ?? error) as HealthDetails | undefined;
    if (body?.details) return body;
    throw new StratoApiError(response.status, `${response.status} ${response.statusText}`, error);
  }

  private clientFor(token: string): StratoClient {
    if (this.current?.token !== token) {
      const client = createStratoClient({ baseUrl: this.baseUrl, token, fetch: this.fetch });
      this.current = { token, client };
    }
    return this.current.client;
  }
}
