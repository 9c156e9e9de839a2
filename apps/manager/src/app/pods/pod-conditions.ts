import { Injectable } from '@nestjs/common';
import type { DomainEventType } from '../events/domain-event';
import { EventBus } from '../events/event-bus';

/** The pod conditions there are, with the event each one's setting and clearing publish. */
const CONDITION_EVENTS = {
  LaunchFailing: { set: 'LaunchFailing', cleared: 'LaunchFailingCleared' },
} as const satisfies Record<string, { set: DomainEventType; cleared: DomainEventType }>;

export type PodConditionType = keyof typeof CONDITION_EVENTS;

export interface PodCondition {
  type: PodConditionType;
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

  constructor(private readonly events: EventBus) {}

  set(pod: string, condition: PodCondition): void {
    const conditions = this.byPod.get(pod) ?? new Map<string, PodCondition>();
    this.byPod.set(pod, conditions);
    const before = conditions.get(condition.type);
    conditions.set(condition.type, condition);
    if (before && before.status === condition.status && before.reason === condition.reason) return;
    if (!before && !condition.status) return;
    this.events.publish({
      type: CONDITION_EVENTS[condition.type][condition.status ? 'set' : 'cleared'],
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
