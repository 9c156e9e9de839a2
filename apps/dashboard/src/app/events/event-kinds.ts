/** The kinds the timeline groups event types into, for its filter and its badges. */
export const EVENT_KINDS = ['scaling', 'lifecycle', 'failures', 'configuration'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
/** A type this list does not know yet (a newer manager): shown under "all" only. */
export type RowKind = EventKind | 'other';

// The manager's `DOMAIN_EVENT_TYPES` (apps/manager/src/app/events/domain-event.ts), which an app
// cannot import: keep the two in step.
const KIND_OF_TYPE: Readonly<Record<string, EventKind>> = {
  ScaleOut: 'scaling',
  ScaleIn: 'scaling',
  ScaleHeld: 'scaling',

  AgentRegistered: 'lifecycle',
  JobAbortRequested: 'lifecycle',
  JobAborted: 'lifecycle',
  JobQueued: 'lifecycle',
  JobRequeued: 'lifecycle',
  JobStarted: 'lifecycle',
  JobSucceeded: 'lifecycle',
  LaunchFailingCleared: 'lifecycle',
  LoadBalancerRepaired: 'lifecycle',
  NodeBack: 'lifecycle',
  NodeDraining: 'lifecycle',
  NodeOnline: 'lifecycle',
  NodeRegistered: 'lifecycle',
  NodeRemoved: 'lifecycle',
  NodeRestarting: 'lifecycle',
  NodeStandby: 'lifecycle',
  NodeStarting: 'lifecycle',
  OrphanAdopted: 'lifecycle',
  OrphanRemoved: 'lifecycle',
  PodCreated: 'lifecycle',
  PodPaused: 'lifecycle',
  PodRemoved: 'lifecycle',
  PodResumed: 'lifecycle',

  JobFailed: 'failures',
  JobStartFailed: 'failures',
  JobTimedOut: 'failures',
  LaunchFailing: 'failures',
  NodeFailed: 'failures',
  NodeLimitsNotEnforced: 'failures',
  NodeOOMKilled: 'failures',
  NodeUnknown: 'failures',

  AgentCredentialRotated: 'configuration',
  AgentReadmitted: 'configuration',
  AgentRevoked: 'configuration',
  AlgorithmChanged: 'configuration',
  ElasticityChanged: 'configuration',
  PodChanged: 'configuration',
  WeightChanged: 'configuration',
};

export function kindOf(type: string): RowKind {
  return Object.hasOwn(KIND_OF_TYPE, type) ? KIND_OF_TYPE[type] : 'other';
}

export function isEventKind(value: string): value is EventKind {
  return (EVENT_KINDS as readonly string[]).includes(value);
}
