import { ElasticityController } from './elasticity.controller';
import { ElasticityRepository } from './elasticity.repository';
import { ElasticityService } from './elasticity.service';
import { ElasticityTicker } from './elasticity-ticker';
import { ManualOps } from './manual-ops';
import { PodMetrics } from './pod-metrics';
import { PodScaler } from './pod-scaler';

// Registered in the app module beside the launcher and remover they drive.
export const ELASTICITY_PROVIDERS = [
  ElasticityRepository,
  ElasticityService,
  ElasticityTicker,
  ManualOps,
  PodMetrics,
  PodScaler,
];
export const ELASTICITY_CONTROLLERS = [ElasticityController];
