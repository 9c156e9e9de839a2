export {
  openCloudStream,
  type CloudStreamHandle,
  type CloudStreamOptions,
  type StreamFrame,
  type StreamState,
} from './lib/cloud-stream';
export { createStratoClient, type StratoClient, type StratoClientOptions } from './lib/strato-client';
export { StratoApiError, unwrap } from './lib/unwrap';
export type { components, operations, paths } from './generated/strato-api';
export type {
  Agent,
  CloudEvent,
  CloudStatus,
  Elasticity,
  InitResult,
  Job,
  JobAttempt,
  JobLogs,
  LoadBalancerStatus,
  Node,
  Pod,
  PodMetrics,
  PodUsage,
  SubmitJob,
} from './lib/models';
