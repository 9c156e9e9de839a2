import { Injectable, InjectionToken, inject } from '@angular/core';
import type { NodeView, PodView } from '@strato/contracts';
import { ApiRequestError, UnauthorizedError } from './api-errors';

export type Fetch = typeof fetch;

export const FETCH = new InjectionToken<Fetch>('FETCH', {
  providedIn: 'root',
  factory: () => globalThis.fetch.bind(globalThis),
});

/** The manager's read API on the same origin. Stands in until the generated client lands. */
@Injectable({ providedIn: 'root' })
export class StratoApi {
  private readonly fetch = inject(FETCH);

  listPods(token: string): Promise<PodView[]> {
    return this.get<PodView[]>('/api/v1/pods', token);
  }

  listNodes(token: string): Promise<NodeView[]> {
    return this.get<NodeView[]>('/api/v1/nodes', token);
  }

  private async get<T>(path: string, token: string): Promise<T> {
    const response = await this.fetch(path, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
    });
    if (response.status === 401) throw new UnauthorizedError();
    if (!response.ok) throw new ApiRequestError(path, response.status, (await response.text()).slice(0, 200));
    return (await response.json()) as T;
  }
}
