import { Injectable, inject } from '@angular/core';
import type { Node } from '@strato/api-client';
import type { BalanceAlgorithm } from '@strato/contracts';
import { type ElasticityChange, ElasticityApi } from '../api/elasticity.api';
import { PodActionsApi } from '../api/pod-actions.api';
import { CloudStore } from '../cloud/cloud.store';
import { OwnerTokenStore } from '../cloud/owner-token.store';
import { PodPageStore } from './pod-page.store';

/** Weight a drained node goes back to when the page did not see it before the drain. */
export const DEFAULT_WEIGHT = 1;

/**
 * The owner's actions on the page's pod. Each resolves once the page shows the result (the page is
 * read again), and tells the overview's store to read too; failures reject with the manager's error.
 */
@Injectable()
export class PodCommands {
  private readonly api = inject(PodActionsApi);
  private readonly elasticityApi = inject(ElasticityApi);
  private readonly page = inject(PodPageStore);
  private readonly cloud = inject(CloudStore);
  private readonly token = inject(OwnerTokenStore).value;
  /** The manager keeps one weight per node, so the one before a drain is remembered here. */
  private readonly weightsBeforeDrain = new Map<string, number>();

  /** Resolves as soon as the manager has it, so a launch can follow without waiting for the page. */
  async registerNode(name: string): Promise<Node> {
    const node = await this.api.registerNode(this.token(), name, this.pod());
    void this.announce();
    return node;
  }

  /** Starts the pod's oldest NEW node; resolves with it once it serves. */
  launch(): Promise<Node> {
    return this.changing(this.api.launch(this.token(), this.pod()));
  }

  removeNode(name: string): Promise<Node> {
    return this.changing(this.api.removeNode(this.token(), name, this.pod()));
  }

  pause(): Promise<unknown> {
    return this.changing(this.api.pause(this.token(), this.pod()));
  }

  resume(): Promise<unknown> {
    return this.changing(this.api.resume(this.token(), this.pod()));
  }

  setAlgorithm(algorithm: BalanceAlgorithm): Promise<unknown> {
    return this.changing(this.api.setAlgorithm(this.token(), this.pod(), algorithm));
  }

  setWeight(name: string, weight: number): Promise<Node> {
    return this.changing(this.api.setWeight(this.token(), name, weight));
  }

  /** Weight 0: the node takes no new requests and finishes those it has. */
  drain(node: Node): Promise<Node> {
    if (node.weight > 0) this.weightsBeforeDrain.set(node.name, node.weight);
    return this.setWeight(node.name, 0);
  }

  restoreWeightOf(name: string): number {
    return this.weightsBeforeDrain.get(name) ?? DEFAULT_WEIGHT;
  }

  restore(node: Node): Promise<Node> {
    return this.setWeight(node.name, this.restoreWeightOf(node.name));
  }

  saveElasticity(change: ElasticityChange): Promise<unknown> {
    return this.changing(this.elasticityApi.update(this.token(), this.pod(), change));
  }

  enableElasticity(minNodes: number, maxNodes: number): Promise<unknown> {
    return this.changing(this.elasticityApi.enable(this.token(), this.pod(), minNodes, maxNodes));
  }

  disableElasticity(): Promise<unknown> {
    return this.changing(this.elasticityApi.disable(this.token(), this.pod()));
  }

  private pod(): string {
    const pod = this.page.podName();
    if (!pod) throw new Error('no pod is open');
    return pod;
  }

  private async changing<T>(request: Promise<T>): Promise<T> {
    const result = await request;
    await this.announce();
    return result;
  }

  private announce(): Promise<void> {
    void this.cloud.changed();
    return this.page.changed();
  }
}
