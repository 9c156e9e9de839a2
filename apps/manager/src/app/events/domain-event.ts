/** Every kind of change the manager announces; the event log keeps each one with its reason. */
export const DOMAIN_EVENT_TYPES = [
  'AgentCredentialRotated',
  'AgentReadmitted',
  'AgentRegistered',
  'AgentRevoked',
  'AlgorithmChanged',
  'ElasticityChanged',
  'JobAbortRequested',
  'JobAborted',
  'JobFailed',
  'JobQueued',
  'JobRequeued',
  'JobStartFailed',
  'JobStarted',
  'JobSucceeded',
  'JobTimedOut',
  'LaunchFailing',
  'LaunchFailingCleared',
  'LoadBalancerRepaired',
  'NodeBack',
  'NodeDraining',
  'NodeFailed',
  'NodeLimitsNotEnforced',
  'NodeOOMKilled',
  'NodeOnline',
  'NodeRegistered',
  'NodeRemoved',
  'NodeRestarting',
  'NodeStarting',
  'NodeStandby',
  'NodeUnknown',
  'OrphanAdopted',
  'OrphanRemoved',
  'PodChanged',
  'PodCreated',
  'PodPaused',
  'PodRemoved',
  'PodResumed',
  'ScaleHeld',
  'ScaleIn',
  'ScaleOut',
  'WeightChanged',
] as const;

export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/** One change, as published on the EventBus: what happened, to which pod and node, and why (message). */
export interface DomainEvent {
  type: DomainEventType;
  pod?: string;
  node?: string;
  message: string;
}
