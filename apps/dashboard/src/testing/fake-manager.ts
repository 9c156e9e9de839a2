import type { Node, Pod } from '@strato/api-client';
import type { Fetch } from '../app/api/strato-api';

/**
 * A `fetch` that answers like the manager's read API: 401 with the house error body unless the
 * request carries `Bearer <token>`, and `failure` (when set) to every other request.
 */
export class FakeManager {
  token = 's3cret';
  pods: Pod[] = [];
  nodes: Node[] = [];
  failure: Response | null = null;
  readonly requests: Request[] = [];
  private readonly routes = new Map<string, (request: Request) => Response | Promise<Response>>();

  /** Answers `method pathname` (e.g. `GET /api/v1/lb`) with `answer`, replacing any earlier one. */
  on(method: string, pathname: string, answer: (request: Request) => Response | Promise<Response>): this {
    this.routes.set(`${method} ${pathname}`, answer);
    return this;
  }

  readonly fetch: Fetch = (input, init) => {
    const request = new Request(input, init);
    this.requests.push(request);
    return Promise.resolve(this.answer(request));
  };

  private answer(request: Request): Response | Promise<Response> {
    if (request.headers.get('authorization') !== `Bearer ${this.token}`) {
      return houseError(401, 'Unauthorized', 'wrong owner token (the right one is in data/owner-token)');
    }
    if (this.failure) return this.failure.clone();
    const { pathname } = new URL(request.url);
    const route = this.routes.get(`${request.method} ${pathname}`);
    if (route) return route(request);
    if (request.method === 'GET' && pathname === '/api/v1/pods') return Response.json(this.pods);
    if (request.method === 'GET' && pathname === '/api/v1/nodes') return Response.json(this.nodes);
    return houseError(404, 'Not Found', `Cannot ${request.method} ${pathname}`);
  }
}

export function houseError(status: number, error: string, message: string): Response {
  return Response.json({ statusCode: status, error, message }, { status });
}
