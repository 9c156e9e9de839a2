import type { ManagerConfig } from '../config/manager-config';
import type { PodRecord } from '../store/pods.repository';

/** Batch jobs each node of the pod runs at once: the pod's own setting, or the manager's default. */
export function podJobSlots(
  pod: Pick<PodRecord, 'jobSlots'>,
  config: Pick<ManagerConfig, 'jobSlotsPerNode'>,
): number {
  return pod.jobSlots ?? config.jobSlotsPerNode;
}
