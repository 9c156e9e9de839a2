import { Injectable, inject } from '@angular/core';
import { type LoadBalancerStatus, type Node, type Pod, type PodUsage, unwrap } from '@strato/api-client';
import { StratoClients } from './strato-clients';

/** What the pod page reads: the pod, its nodes, their use, and the load balancer's view of them. */
@Injectable({ providedIn: 'root' })
export class PodReadsApi {
  private readonly clients = inject(StratoClients);

  /** By name or seed alias (0/1/2); a 404 names the pods there are. */
  getPod(token: string, pod: string): Promise<Pod> {
    return unwrap(this.clients.for(token).GET('/api/v1/pods/{pod}', { params: { path: { pod } } }));
  }

  listNodes(token: string, pod: string): Promise<Node[]> {
    return unwrap(this.clients.for(token).GET('/api/v1/nodes', { params: { query: { pod } } }));
  }

  usage(token: string, pod: string): Promise<PodUsage> {
    return unwrap(this.clients.for(token).GET('/api/v1/pods/{pod}/usage', { params: { path: { pod } } }));
  }

  loadBalancer(token: string): Promise<LoadBalancerStatus> {
    return unwrap(this.clients.for(token).GET('/api/v1/lb'));
  }
}
