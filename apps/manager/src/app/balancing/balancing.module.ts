import { Module } from '@nestjs/common';
import { LbModule } from '../lb/lb.module';
import { NodesModule } from '../nodes/nodes.module';
import { PodsModule } from '../pods/pods.module';
import { BalancingController } from './balancing.controller';
import { BalancingService } from './balancing.service';

/** `cloud lb …`: the load balancer's view per pod and node, each pod's algorithm, node weights. */
@Module({
  imports: [LbModule, PodsModule, NodesModule],
  controllers: [BalancingController],
  providers: [BalancingService],
})
export class BalancingModule {}
