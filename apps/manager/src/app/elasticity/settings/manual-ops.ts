import { Injectable } from '@nestjs/common';
import { ElasticityOnError } from '../../errors/domain-errors';
import { NodesRepository } from '../../store/nodes.repository';
import { PodsRepository } from '../../store/pods.repository';
import { ElasticityRepository } from './elasticity.repository';

/** The seeds' rule: while a pod's elasticity is on, the owner's register, rm and launch are refused. */
@Injectable()
export class ManualOps {
  constructor(
    private readonly settings: ElasticityRepository,
    private readonly pods: PodsRepository,
    private readonly nodes: NodesRepository,
  ) {}

  assertPod(podNameOrAlias: string, operation: string): void {
    const pod = this.pods.require(podNameOrAlias);
    if (this.settings.isEnabled(pod.name)) throw new ElasticityOnError(pod.name, operation);
  }

  assertNode(name: string, operation: string): void {
    const node = this.nodes.find(name);
    if (node && this.settings.isEnabled(node.pod)) throw new ElasticityOnError(node.pod, operation);
  }
}
