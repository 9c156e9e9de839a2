import type { CloudStatus, Elasticity, Node, Pod } from '@strato/api-client';
import type { Fetch } from '../app/api/strato-api';

/**
 * A `fetch` that answers like the manager's read API: 401 with the house error body unless the
 * request carries `Bearer <token>`, and `failure` (when set) to every other request.
 */
export class FakeManager {
  token = 's3cret';
  pods: Pod[] = [];
  nodes: Node[] = [];
  elasticity: Elasticity[] = [];
  agents: CloudStatus['agents'] = [];
  loadBalancer: CloudStatus['loadBalancer'] = { kind: 'embedded', url: 'http://127.0.0.1:8000' };
  /** Whether the health check reaches the load balancer (a 503 when not, like the manager). */
  balancerUp = true;
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
    if (request.method === 'GET' && pathname === '/api/v1/elasticity') return Response.json(this.elasticity);
    if (request.method === 'GET' && pathname === '/api/v1/cloud/status') return Response.json(this.status());
    if (request.method === 'GET' && pathname === '/api/health') return this.health();
    return houseError(404, 'Not Found', `Cannot ${request.method} ${pathname}`);
  }

  private status(): CloudStatus {
    return {
      pods: this.pods,
      agents: this.agents,
      loadBalancer: this.loadBalancer,
      reconciler: { intervalMs: 2000, lastPassAt: null, lastPassMs: null },
    };
  }

  private health(): Response {
    const loadBalancer = this.balancerUp
      ? { status: 'up', ...this.loadBalancer }
      : { status: 'down', kind: this.loadBalancer.kind, message: 'connect ECONNREFUSED' };
    const details = { store: { status: 'up' }, loadBalancer };
    return Response.json(
      { status: this.balancerUp ? 'ok' : 'error', details },
      { status: this.balancerUp ? 200 : 503 },
    );
  }
}

export function houseError(status: number, error: string, message: string): Response {
  return Response.json({ statusCode: status, error, message }, { status });
}
