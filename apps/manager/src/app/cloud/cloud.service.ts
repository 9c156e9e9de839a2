import { Injectable } from '@nestjs/common';
import { InitResultDto } from '../pods/pod.dto';
import { PodsService } from '../pods/pods.service';
import { Reconciler } from '../reconciler/reconciler';

@Injectable()
export class CloudService {
  constructor(
    private readonly pods: PodsService,
    private readonly reconciler: Reconciler,
  ) {}

  /** `cloud init`: the default pods in the store, then their paths on the load balancer. */
  async init(): Promise<InitResultDto> {
    const result = this.pods.init();
    for (const name of result.created) await this.reconciler.ensurePod(this.pods.require(name));
    return result;
  }
}
