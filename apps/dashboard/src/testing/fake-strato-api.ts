import type { Node, Pod } from '@strato/api-client';
import type { StratoApi } from '../app/api/strato-api';

/** Answers from memory; set `failure` to make every call reject. */
export class FakeStratoApi implements Pick<StratoApi, 'listPods' | 'listNodes'> {
  pods: Pod[] = [];
  nodes: Node[] = [];
  failure: Error | null = null;
  readonly tokensSeen: string[] = [];

  listPods(token: string): Promise<Pod[]> {
    this.tokensSeen.push(token);
    return this.failure ? Promise.reject(this.failure) : Promise.resolve(this.pods);
  }

  listNodes(token: string): Promise<Node[]> {
    this.tokensSeen.push(token);
    return this.failure ? Promise.reject(this.failure) : Promise.resolve(this.nodes);
  }
}
