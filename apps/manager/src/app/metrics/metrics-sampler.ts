import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Subscription } from 'rxjs';
import { MANAGER_CONFIG, type ManagerConfig } from '../config/manager-config';
import { EventBus } from '../events/event-bus';
import { BootGate } from '../reconciler/boot-gate';
import { MetricsFeed } from './metrics-feed';
import { MetricsHistoryRepository } from './metrics-history.repository';
import { MetricsReader } from './metrics-reader';

const INTERVAL = 'metrics-sample';

/**
 * Every STRATO_METRICS_SAMPLE_MS (0: never), one sample of every pod and node: announced on the feed
 * (the live stream's `metrics` frames) and appended to the history. A tick that cannot read its sources
 * is skipped; one still running when the next is due makes that one skip too. Neither ever throws, and
 * a failure is logged once, until it changes or clears.
 */
@Injectable()
export class MetricsSampler implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Metrics');
  private sampling = false;
  private lastProblem: string | undefined;
  private subscription: Subscription | undefined;

  constructor(
    @Inject(MANAGER_CONFIG) private readonly config: ManagerConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly reader: MetricsReader,
    private readonly history: MetricsHistoryRepository,
    private readonly feed: MetricsFeed,
    private readonly gate: BootGate,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    this.subscription = this.events.of('PodRemoved').subscribe((event) => {
      if (!event.pod) return;
      this.feed.forget(event.pod);
      this.attempt('forgetting the history of a removed pod', () => this.history.forget(event.pod as string));
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.metricsSampleMs > 0)
      this.scheduler.addInterval(
        INTERVAL,
        setInterval(() => void this.tick(), this.config.metricsSampleMs),
      );
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    if (this.scheduler.doesExist('interval', INTERVAL)) this.scheduler.deleteInterval(INTERVAL);
  }

  /** One sample; `now` pins its time (tests). Resolves once it is announced and written, or skipped. */
  async tick(now?: number): Promise<void> {
    if (!this.gate.isOpen || this.sampling) return; // the balancer is not rebuilt from the store yet
    this.sampling = true;
    try {
      const reading = await this.reader.read(now).catch((error: Error) => {
        this.problem(`metrics sample skipped: ${error.message}`);
        return undefined;
      });
      if (!reading) return;
      this.feed.announce({ at: new Date(reading.at).toISOString(), pods: reading.pods });
      if (this.attempt('writing the metrics history', () => this.history.append(reading))) this.recovered();
    } finally {
      this.sampling = false;
    }
  }

  private attempt(what: string, work: () => void): boolean {
    try {
      work();
      return true;
    } catch (error) {
      this.problem(`${what} failed: ${(error as Error).message}`);
      return false;
    }
  }

  private problem(message: string): void {
    if (message !== this.lastProblem) this.logger.warn(message);
    this.lastProblem = message;
  }

  private recovered(): void {
    if (this.lastProblem !== undefined) this.logger.log('metrics sampling works again');
    this.lastProblem = undefined;
  }
}
