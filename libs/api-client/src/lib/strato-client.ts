import createClient from 'openapi-fetch';
import type { paths } from '../generated/strato-api';

export interface StratoClientOptions {
  /** The manager, e.g. http://127.0.0.1:8080 (the client adds nothing: paths start with /api). */
  baseUrl: string;
  token?: string;
  fetch?: typeof fetch;
}

/** A typed client for the manager's API, generated from its OpenAPI document. */
export function createStratoClient(options: StratoClientOptions) {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

export type StratoClient = ReturnType<typeof createStratoClient>;
