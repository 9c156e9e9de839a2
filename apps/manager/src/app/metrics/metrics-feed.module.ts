import { Module } from '@nestjs/common';
import { MetricsFeed } from './metrics-feed';

/**
 * The feed alone, for the live stream: apart from the sampler so the events context does not import
 * everything the sampler reads (load balancer, agents, elasticity).
 */
@Module({ providers: [MetricsFeed], exports: [MetricsFeed] })
export class MetricsFeedModule {}
