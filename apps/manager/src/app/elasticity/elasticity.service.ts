import { Injectable } from '@nestjs/common';
import {
  defaultTargetTrackingPolicy,
  defaultThresholdPolicy,
  InvalidPolicyError,
  type ScalingPolicy,
  validatePolicy,
} from '@strato/elasticity';
import { InvalidSettingError } from '../errors/domain-errors';
import { EventBus } from '../events/event-bus';
import { PodConditions } from '../pods/pod-conditions';
import { NodesRepository } from '../store/nodes.repository';
import { type PodRecord, PodsRepository } from '../store/pods.repository';
import { ElasticityTicker } from './elasticity-ticker';
import { PodScaler } from './pod-scaler';
import type { ElasticityDto, UpdateElasticityDto } from './elasticity.dto';
import { ElasticityRepository } from './settings/elasticity.repository';

/** The owner's side of elasticity: settings merged, validated and stored; status from the last tick. */
@Injectable()
export class ElasticityService {
  constructor(
    private readonly settings: ElasticityRepository,
    private readonly ticker: ElasticityTicker,
    private readonly pods: PodsRepository,
    private readonly events: EventBus,
    private readonly conditions: PodConditions,
    private readonly nodes: NodesRepository,
    private readonly scaler: PodScaler,
  ) {}

  get(podNameOrAlias: string): ElasticityDto {
    const pod = this.pods.require(podNameOrAlias);
    const record = this.settings.find(pod.name);
    return this.toDto(pod.name, record?.enabled ?? false, record?.policy ?? this.defaultFor(pod));
  }

  list(): ElasticityDto[] {
    return this.pods.list().map((pod) => this.get(pod.name));
  }

  update(podNameOrAlias: string, change: UpdateElasticityDto): ElasticityDto {
    const pod = this.pods.require(podNameOrAlias);
    const record = this.settings.find(pod.name);
    const current = record?.policy ?? this.defaultFor(pod);
    const { enabled, kind, ...fields } = change;
    const base =
      kind && kind !== current.kind
        ? kind === 'threshold'
          ? defaultThresholdPolicy({
              metric: current.metric,
              minNodes: current.minNodes,
              maxNodes: current.maxNodes,
            })
          : defaultTargetTrackingPolicy({
              metric: current.metric,
              minNodes: current.minNodes,
              maxNodes: current.maxNodes,
            })
        : current;
    const policy = { ...base, ...stripUndefined(fields) } as ScalingPolicy;
    this.check(pod, policy);
    const on = enabled ?? record?.enabled ?? false;
    this.settings.save(pod.name, on, policy);
    if (on !== (record?.enabled ?? false)) this.ticker.forget(pod.name);
    // With elasticity off nothing would promote them: warm nodes go (on, the ticker keeps the number).
    if (!on)
      this.scaler.keepWarm(
        pod,
        0,
        this.nodes.listByPod(pod.name).filter((n) => n.status === 'STANDBY'),
        0,
        Date.now(),
      );
    this.events.publish({
      type: 'ElasticityChanged',
      pod: pod.name,
      message: `elasticity ${on ? 'on' : 'off'} for ${pod.name}: ${describe(policy)}`,
    });
    return this.get(pod.name);
  }

  enable(podNameOrAlias: string, minNodes: number, maxNodes: number): ElasticityDto {
    return this.update(podNameOrAlias, { enabled: true, minNodes, maxNodes });
  }

  disable(podNameOrAlias: string): ElasticityDto {
    return this.update(podNameOrAlias, { enabled: false });
  }

  setTick(tickMs: number): number {
    this.ticker.setTickMs(tickMs);
    return this.ticker.interval;
  }

  private check(pod: PodRecord, policy: ScalingPolicy): void {
    try {
      validatePolicy(policy);
    } catch (error) {
      if (error instanceof InvalidPolicyError) throw new InvalidSettingError(error.message);
      throw error;
    }
    if (policy.maxNodes > pod.maxNodes) {
      throw new InvalidSettingError(
        `maxNodes ${policy.maxNodes} is above pod ${pod.name}'s limit of ${pod.maxNodes} nodes`,
      );
    }
  }

  private defaultFor(pod: PodRecord): ScalingPolicy {
    return defaultThresholdPolicy({ minNodes: 1, maxNodes: Math.min(pod.maxNodes, 6) });
  }

  private toDto(pod: string, enabled: boolean, policy: ScalingPolicy): ElasticityDto {
    const last = this.ticker.status.get(pod);
    return {
      pod,
      enabled,
      policy: { ...policy },
      tickMs: this.ticker.interval,
      status: last
        ? {
            at: new Date(last.at).toISOString(),
            metric: last.reading.metric,
            value: last.reading.value,
            detail: last.reading.detail,
            currentNodes: last.currentNodes,
            readyNodes: last.readyNodes,
            desiredNodes: last.decision.desiredNodes,
            reason: last.decision.reason,
            message: last.decision.message,
            conditions: [...last.decision.conditions, ...this.conditions.list(pod)],
          }
        : null,
    };
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function describe(policy: ScalingPolicy): string {
  const warm = policy.warmNodes > 0 ? ` + ${policy.warmNodes} warm` : '';
  const bounds = `${policy.minNodes}-${policy.maxNodes} nodes${warm}`;
  return policy.kind === 'threshold'
    ? `threshold on ${policy.metric} [${policy.lower}, ${policy.upper}], ${bounds}, step ${policy.step}`
    : `target ${policy.target} ${policy.metric} ±${policy.tolerance * 100} %, ${bounds}`;
}
