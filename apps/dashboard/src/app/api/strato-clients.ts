import { DOCUMENT, Injectable, inject } from '@angular/core';
import { createStratoClient, type StratoClient } from '@strato/api-client';
import { FETCH } from './fetch';

/**
 * The generated client for an owner token, on the page's origin with the injected `fetch`; kept
 * while the token stays the same.
 */
@Injectable({ providedIn: 'root' })
export class StratoClients {
  private readonly fetch = inject(FETCH);
  private readonly baseUrl = inject(DOCUMENT).location.origin;
  private current: { readonly token: string; readonly client: StratoClient } | null = null;

  for(token: string): StratoClient {
    if (this.current?.token !== token) {
      const client = createStratoClient({ baseUrl: this.baseUrl, token, fetch: this.fetch });
      this.current = { token, client };
    }
    return this.current.client;
  }
}
