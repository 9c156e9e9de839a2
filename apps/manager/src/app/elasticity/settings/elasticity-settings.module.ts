import { Module } from '@nestjs/common';
import { ElasticityRepository } from './elasticity.repository';
import { ManualOps } from './manual-ops';

/**
 * Each pod's elasticity settings, and the rule they impose on the owner's node commands. Apart from the
 * elasticity loop because the node commands check the rule while the loop drives the node lifecycle.
 */
@Module({ providers: [ElasticityRepository, ManualOps], exports: [ElasticityRepository, ManualOps] })
export class ElasticitySettingsModule {}
