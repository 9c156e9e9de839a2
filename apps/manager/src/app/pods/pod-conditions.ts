import { Injectable } from '@nestjs/common';
import { EventsRepository } from '../events/events.repository';

export interface PodCondition {
  type: string;
  status: boolean;
  reason: string;
  message: string;
}

/**
 * Conditions of a pod beyond its scaling decision (`LaunchFailing`), shown with the elasticity status.
 * Like the HPA's: an event is appended when a condition changes (status or reason), not on every retry.
 */
@Injectable()
export class PodConditions {
  private readonly byPod = new Map<string, Map<string, PodCondition>>();

  constructor(private readonly events: EventsRepository) {}

  set(pod: string, condition: PodCondition): void {
    const conditions = this.byPod.get(pod) ?? new Map<string, PodCondition>();
    this.byPod.set(pod, conditions);
    const before = conditions.get(condition.type);
    conditions.set(condition.type, condition);
    if (before && before.status === condition.status && before.reason === condition.reason) return;
    if (!before && !condition.status) return;
    this.events.append({
      type: condition.status ? condition.type : `${condition.type}Cleared`,
      pod,
      message: `${condition.reason}: ${condition.message}`,
    });
  }

  list(pod: string): PodCondition[] {
    return [...(this.byPod.get(pod)?.values() ?? [])];
  }

  forget(pod: string): void {
    this.byPod.delete(pod);
  }
}
