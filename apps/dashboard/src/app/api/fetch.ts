import { InjectionToken } from '@angular/core';

export type Fetch = typeof fetch;

export const FETCH = new InjectionToken<Fetch>('FETCH', {
  providedIn: 'root',
  // openapi-fetch calls fetch detached from window, which browsers reject as an illegal invocation.
  factory: () => globalThis.fetch.bind(globalThis),
});
