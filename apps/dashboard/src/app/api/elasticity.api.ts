import { Injectable, inject } from '@angular/core';
import { type components, type Elasticity, unwrap } from '@strato/api-client';
import { StratoClients } from './strato-clients';

export type ElasticityChange = components['schemas']['UpdateElasticityDto'];

/** One pod's elasticity: its policy and last decision, and the owner's changes to them. */
@Injectable({ providedIn: 'root' })
export class ElasticityApi {
  private readonly clients = inject(StratoClients);

  get(token: string, pod: string): Promise<Elasticity> {
    return unwrap(
      this.clients.for(token).GET('/api/v1/pods/{pod}/elasticity', { params: { path: { pod } } }),
    );
  }

  /** Merged into the current policy; 400 names a malformed field, 422 a combination that cannot apply. */
  update(token: string, pod: string, change: ElasticityChange): Promise<Elasticity> {
    return unwrap(
      this.clients
        .for(token)
        .PUT('/api/v1/pods/{pod}/elasticity', { params: { path: { pod } }, body: change }),
    );
  }

  enable(token: string, pod: string, minNodes: number, maxNodes: number): Promise<Elasticity> {
    return unwrap(
      this.clients.for(token).POST('/api/v1/pods/{pod}/elasticity/enable', {
        params: { path: { pod } },
        body: { minNodes, maxNodes },
      }),
    );
  }

  disable(token: string, pod: string): Promise<Elasticity> {
    return unwrap(
      this.clients.for(token).POST('/api/v1/pods/{pod}/elasticity/disable', { params: { path: { pod } } }),
    );
  }
}
