import type { NodeView, PodView } from '@strato/contracts';
import type { StratoApi } from '../app/api/strato-api';

/** Answers from memory; set `failure` to make every call reject. */
export class FakeStratoApi implements Pick<StratoApi, 'listPods' | 'listNodes'> {
  pods: PodView[] = [];
  nodes: NodeView[] = [];
  failure: Error | null = null;
  readonly tokensSeen: string[] = [];

  listPods(token: string): Promise<PodView[]> {
    this.tokensSeen.push(token);
    return this.failure ? Promise.reject(this.failure) : Promise.resolve(this.pods);
  }

  listNodes(token: string): Promise<NodeView[]> {
    this.tokensSeen.push(token);
    return this.failure ? Promise.reject(this.failure) : Promise.resolve(this.nodes);
  }
}
