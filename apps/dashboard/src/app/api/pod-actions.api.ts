import { Injectable, inject } from '@angular/core';
import { type Node, type Pod, unwrap } from '@strato/api-client';
import type { BalanceAlgorithm } from '@strato/contracts';
import { StratoClients } from './strato-clients';

/** The owner's changes to a pod and its nodes. Failures reject with `StratoApiError`. */
@Injectable({ providedIn: 'root' })
export class PodActionsApi {
  private readonly clients = inject(StratoClients);

  /** The node starts as NEW; `launch` starts it. */
  registerNode(token: string, name: string, pod: string): Promise<Node> {
    return unwrap(this.clients.for(token).POST('/api/v1/nodes', { body: { name, pod } }));
  }

  /** Launches the pod's oldest NEW node (not a named one) and answers once it is healthy and serving. */
  launch(token: string, pod: string): Promise<Node> {
    return unwrap(this.clients.for(token).POST('/api/v1/pods/{pod}/launch', { params: { path: { pod } } }));
  }

  /** Drained, stopped and deleted; refused unless the node is in `pod`. */
  removeNode(token: string, name: string, pod: string): Promise<Node> {
    return unwrap(
      this.clients.for(token).DELETE('/api/v1/nodes/{name}', { params: { path: { name }, query: { pod } } }),
    );
  }

  pause(token: string, pod: string): Promise<Pod> {
    return unwrap(this.clients.for(token).POST('/api/v1/pods/{pod}/pause', { params: { path: { pod } } }));
  }

  resume(token: string, pod: string): Promise<Pod> {
    return unwrap(this.clients.for(token).POST('/api/v1/pods/{pod}/resume', { params: { path: { pod } } }));
  }

  /** 0..256; 0 takes no new requests (a drain: the manager has no other maintenance mode). */
  setWeight(token: string, name: string, weight: number): Promise<Node> {
    return unwrap(
      this.clients.for(token).PUT('/api/v1/nodes/{name}/weight', {
        params: { path: { name } },
        body: { weight },
      }),
    );
  }

  setAlgorithm(token: string, pod: string, algorithm: BalanceAlgorithm): Promise<Pod> {
    return unwrap(
      this.clients.for(token).PUT('/api/v1/pods/{pod}/algorithm', {
        params: { path: { pod } },
        body: { algorithm },
      }),
    );
  }
}
