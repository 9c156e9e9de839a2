import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { EmbeddedLoadBalancer } from './embedded-load-balancer';
import { HaproxyLoadBalancer } from './haproxy-load-balancer';
import { LOAD_BALANCER, type LoadBalancer } from './load-balancer';

/** The load balancer port, and the only place that chooses which adapter serves it. */
@Module({
  providers: [
    {
      provide: LOAD_BALANCER,
      inject: [MANAGER_CONFIG],
      useFactory: (config: ManagerConfig): LoadBalancer =>
        config.loadBalancer === 'haproxy'
          ? new HaproxyLoadBalancer({
              binary: config.haproxyBinary,
              workDir: join(config.dataDir, 'haproxy'),
              host: config.lbHost,
              port: config.lbPort,
              accessLog: config.lbAccessLog === 'on',
            })
          : new EmbeddedLoadBalancer({ host: config.lbHost, port: config.lbPort }),
    },
  ],
  exports: [LOAD_BALANCER],
})
export class LbModule {}
