import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { MANAGER_CONFIG, type ManagerConfig } from '../../config/manager-config';
import { JobsRepository } from '../jobs.repository';
import { AttemptFollower } from './attempt-follower';
import { AttemptSweeper } from './attempt-sweeper';
import { JobStarter } from './job-starter';

const TICK = 'job-dispatch';
/** How often agents are asked which attempts they keep (and at the first tick: after a restart). */
export const SWEEP_EVERY_MS = 5_000;

/**
 * The batch-job loop. Each tick follows every RUNNING job (output, end, lost node, abort, timeout) and
 * starts queued jobs on each pod's free nodes. Level-triggered and keyed: a tick reads the store and acts
 * on it, whatever happened since the last one, and a key (a job followed, a pod dispatched, the sweep) is
 * worked on by one tick at a time, so a slow agent holds up only its own jobs. All state is in the store:
 * a restarted manager carries on from it, first asking the agents which attempts they still run.
 */
@Injectable()
export class JobDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobDispatcher.name);
  private readonly inFlight = new Map<string, Promise<void>>();
  private lastSweep: number | undefined;
  private tickMs: number;

  constructor(
    @Inject(MANAGER_CONFIG) config: ManagerConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly jobs: JobsRepository,
    private readonly follower: AttemptFollower,
    private readonly starter: JobStarter,
    private readonly sweeper: AttemptSweeper,
  ) {
    this.tickMs = config.jobDispatchMs;
  }

  onApplicationBootstrap(): void {
    this.setTickMs(this.tickMs);
  }

  /** No work is left touching the store once it closes. */
  async onModuleDestroy(): Promise<void> {
    this.setTickMs(0);
    await this.idle();
  }

  get interval(): number {
    return this.tickMs;
  }

  /** Re-times (or, with 0, stops) the loop at runtime. */
  setTickMs(ms: number): void {
    if (this.scheduler.doesExist('interval', TICK)) this.scheduler.deleteInterval(TICK);
    this.tickMs = ms;
    if (ms > 0)
      this.scheduler.addInterval(
        TICK,
        setInterval(() => void this.tick(), ms),
      );
  }

  /** One pass; resolves when the work it started is done (work still running from an earlier pass is not redone). */
  async tick(now = new Date()): Promise<void> {
    const work: Promise<void>[] = [];
    if (this.lastSweep === undefined || now.getTime() - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now.getTime();
      work.push(this.run('sweep', async () => void (await this.sweeper.sweep())));
    }
    try {
      for (const job of this.jobs.running())
        if (!job.attemptId || !this.starter.isStarting(job.attemptId))
          work.push(this.run(`job:${job.id}`, () => this.follower.follow(job, now)));
      for (const pod of this.jobs.podsWithQueued())
        work.push(this.run(`pod:${pod}`, () => this.starter.startPod(pod, now)));
    } catch (error) {
      this.logger.error(`job dispatch: ${(error as Error).message}`);
    }
    await Promise.all(work);
  }

  /** Resolves once no work of any tick is left (tests and shutdown wait on it). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.values()]);
  }

  private run(key: string, work: () => Promise<void>): Promise<void> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const done = (async () => {
      await Promise.resolve(); // registered below before any of it runs, even a synchronous throw
      try {
        await work();
      } catch (error) {
        this.logger.warn(`${key}: ${(error as Error).message}`);
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, done);
    return done;
  }
}
