import type { components } from '../generated/strato-api';

export type Pod = components['schemas']['PodDto'];
export type Agent = components['schemas']['AgentDto'];
export type Node = components['schemas']['NodeDto'];
export type InitResult = components['schemas']['InitResultDto'];
export type CloudEvent = components['schemas']['EventDto'];
export type CloudStatus = components['schemas']['CloudStatusDto'];
export type Elasticity = components['schemas']['ElasticityDto'];
export type LoadBalancerStatus = components['schemas']['LoadBalancerDto'];
export type PodUsage = components['schemas']['PodUsageDto'];
export type PodMetrics = components['schemas']['PodMetricsDto'];
export type Job = components['schemas']['JobDto'];
export type JobAttempt = components['schemas']['JobAttemptDto'];
export type JobLogs = components['schemas']['JobLogsDto'];
export type SubmitJob = components['schemas']['SubmitJobDto'];
