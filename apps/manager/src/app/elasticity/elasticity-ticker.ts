import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { SchedulerRegistry } from '@nestjs/schedule';
import { decide, type ScalingDecision } from '@strato/elasticity';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { EventBus } from '../events/event-bus';
import { PodConditions } from '../pods/pod-conditions';
import { BootGate } from '../reconciler/boot-gate';
import { NodesRepository } from '../store/nodes.repository';
import { PodsRepository } from '../store/pods.repository';
import { MetricWindows } from './metric-windows';
import { type PodMetricReading, PodMetrics } from './pod-metrics';
import { PodScaler } from './pod-scaler';
import { type ElasticityRecord, ElasticityRepository } from './settings/elasticity.repository';

export interface PodElasticityStatus {
  at: number;
  reading: PodMetricReading;
  currentNodes: number;
  readyNodes: number;
  decision: ScalingDecision;
}

const TICK = 'elasticity';
const FAST_TICK = 'elasticity-live';
/**
 * Pods scaled on a live count (queueDepth read from the balancer, jobBacklog from the store: no sample period to wait
 * for) are also evaluated this often between ticks: the tick's wait is most of a reaction otherwise.
 */
export const LIVE_METRIC_TICK_MS = 100;
const LIVE_METRICS: ReadonlySet<string> = new Set(['queueDepth', 'jobBacklog']);
const COUNTED = new Set(['NEW', 'STARTING', 'ONLINE', 'UNKNOWN']);

/**
 * The elasticity loop: every tick, each pod with elasticity on gets a metric sample, a decision from
 * its policy (libs/elasticity), and, when the decision moves, a scale-out or scale-in carried out in the
 * background. Pods are evaluated independently: a pod is busy from before its metric is read until its
 * scaling finishes, and is skipped by the ticks meanwhile, so two ticks never act on the same counts
 * and a slow read or a drain in one pod never delays another. Every decision, and every change of the
 * reason for not scaling, is an event with its numbers.
 */
@Injectable()
export class ElasticityTicker implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ElasticityTicker.name);
  private readonly windows = new MetricWindows();
  private readonly busy = new Set<string>();
  private readonly lastReason = new Map<string, string>();
  readonly status = new Map<string, PodElasticityStatus>();
  private tickMs: number;
  private subscription: Subscription | undefined;

  constructor(
    @Inject(MANAGER_CONFIG) config: ManagerConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly settings: ElasticityRepository,
    private readonly pods: PodsRepository,
    private readonly nodes: NodesRepository,
    private readonly metrics: PodMetrics,
    private readonly scaler: PodScaler,
    private readonly conditions: PodConditions,
    private readonly gate: BootGate,
    private readonly events: EventBus,
  ) {
    this.tickMs = config.elasticityTickMs;
  }

  /** A pod that is removed takes its windows, status and conditions with it (a new pod of that name starts clean). */
  onModuleInit(): void {
    this.subscription = this.events
      .of('PodRemoved')
      .subscribe((event) => event.pod && this.forget(event.pod));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  onApplicationBootstrap(): void {
    this.setTickMs(this.tickMs);
  }

  get interval(): number {
    return this.tickMs;
  }

  /** Re-times (or, with 0, stops) the loop at runtime. */
  setTickMs(ms: number): void {
    for (const name of [TICK, FAST_TICK])
      if (this.scheduler.doesExist('interval', name)) this.scheduler.deleteInterval(name);
    this.tickMs = ms;
    if (ms > 0)
      this.scheduler.addInterval(
        TICK,
        setInterval(() => void this.tick(), ms),
      );
    if (ms > LIVE_METRIC_TICK_MS) {
      const liveOnly = (metric: string): boolean => LIVE_METRICS.has(metric);
      this.scheduler.addInterval(
        FAST_TICK,
        setInterval(() => void this.tick(Date.now(), liveOnly), LIVE_METRIC_TICK_MS),
      );
    }
  }

  forget(pod: string): void {
    this.windows.clear(pod);
    this.status.delete(pod);
    this.lastReason.delete(pod);
    this.scaler.forget(pod);
    this.conditions.forget(pod);
  }

  /** One evaluation of every pod with elasticity on (or those whose metric passes); never throws. */
  async tick(now = Date.now(), metricDue: (metric: string) => boolean = () => true): Promise<void> {
    if (!this.gate.isOpen) return; // the load balancer is not rebuilt from the store yet
    const due = this.settings
      .listEnabled()
      .filter((settings) => !this.busy.has(settings.pod) && metricDue(settings.policy.metric));
    await Promise.all(due.map((settings) => this.evaluatePod(settings, now)));
  }

  /** The pod is busy from here until its scaling work, if any, has finished. */
  private async evaluatePod(settings: ElasticityRecord, now: number): Promise<void> {
    this.busy.add(settings.pod);
    let work: Promise<void>[] = [];
    try {
      work = await this.evaluate(settings, now);
    } catch (error) {
      this.logger.error(`elasticity for ${settings.pod}: ${(error as Error).message}`);
    } finally {
      void Promise.allSettled(work).then(() => this.busy.delete(settings.pod));
    }
  }

  /** Resolves once no pod is being scaled (tests and shutdown wait on it). */
  async idle(): Promise<void> {
    while (this.busy.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** Returns the scaling work it started in the background (none: nothing to do). */
  private async evaluate(settings: ElasticityRecord, now: number): Promise<Promise<void>[]> {
    const pod = this.pods.find(settings.pod);
    if (!pod || pod.state === 'paused') return [];
    const nodes = this.nodes.listByPod(pod.name);
    // Warm nodes (booting or STANDBY) are kept beside the pod's nodes: not counted, never scaled in.
    // Nodes of a silent host (UNKNOWN) still count: they come back with it, or are replaced one for one.
    const current = nodes.filter((n) => COUNTED.has(n.status) && !this.scaler.isWarming(n.name));
    const lost = nodes.filter((n) => n.status === 'UNKNOWN');
    const warm = nodes.filter((n) => n.status === 'STANDBY');
    const ready = nodes.filter((n) => n.status === 'ONLINE');
    const failed = nodes.filter((n) => n.status === 'FAILED');
    const reading = await this.metrics.read(pod, ready, settings.policy.metric, now);
    // nodes: a per-node value is rescaled to today's ready nodes when it is averaged (libs/elasticity).
    if (reading.value !== null)
      this.windows.add(pod.name, { at: now, value: reading.value, nodes: ready.length });
    const decided = decide({
      policy: settings.policy,
      samples: this.windows.samples(pod.name),
      currentNodes: current.length,
      readyNodes: ready.length,
      now,
      state: settings.state,
    });
    const decision = this.heldByBackoff(decided, settings, now);
    this.settings.saveState(pod.name, decision.state);
    this.status.set(pod.name, {
      at: now,
      reading,
      currentNodes: current.length,
      readyNodes: ready.length,
      decision,
    });
    this.record(pod.name, decision, reading);

    const work: Promise<void>[] = [];
    if (failed.length > 0) work.push(this.scaler.clearFailed(failed));
    const limit = Math.min(settings.policy.maxNodes, pod.maxNodes);
    // One kind of change a tick: the lost nodes' replacements count as they did; the policy acts next tick.
    if (lost.length > 0 && this.scaler.canReplace(pod, lost)) {
      work.push(this.scaler.replaceLost(pod, lost, limit, now));
      return work;
    }
    if (decision.direction === 'out') {
      work.push(this.scaler.scaleOut(pod, decision.desiredNodes - current.length, limit, now, warm));
    } else if (decision.direction === 'none') {
      this.scaler.keepWarm(pod, settings.policy.warmNodes, warm, limit, now);
    }
    if (decision.direction === 'in')
      work.push(this.scaler.scaleIn(pod, current.length - decision.desiredNodes, current));
    return work;
  }

  /** A scale-out while launches back off is held, under one reason (one event, not one per tick). */
  private heldByBackoff(decision: ScalingDecision, settings: ElasticityRecord, now: number): ScalingDecision {
    const waitMs = this.scaler.launchWaitMs(settings.pod, now);
    if (decision.direction !== 'out' || waitMs === 0) return decision;
    return {
      ...decision,
      direction: 'none',
      state: settings.state, // nothing was scaled: no cooldown starts
      reason: 'LaunchBackingOff',
      message: `wants ${decision.desiredNodes} nodes, but launches are failing: next try in ${Math.ceil(waitMs / 1000)} s`,
    };
  }

  private record(pod: string, decision: ScalingDecision, reading: PodMetricReading): void {
    const moved = decision.direction !== 'none';
    if (!moved && this.lastReason.get(pod) === decision.reason) return;
    this.lastReason.set(pod, decision.reason);
    this.events.publish({
      type: moved ? (decision.direction === 'out' ? 'ScaleOut' : 'ScaleIn') : 'ScaleHeld',
      pod,
      message: `${decision.reason}: ${decision.message} (${reading.metric}: ${reading.detail})`,
    });
  }
}
