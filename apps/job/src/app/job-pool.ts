import type { Worker } from 'node:worker_threads';
import type { JobOutcome, JobTask } from './job-worker';

export class JobQueueFullError extends Error {
  constructor(limit: number) {
    super(`the node's job queue is full (${limit} waiting)`);
  }
}

interface Pending {
  task: JobTask;
  resolve: (outcome: JobOutcome) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  running: Pending | null;
  online: boolean;
}

/**
 * Job threads (worker_threads), so the event loop stays free for /health while the work runs. Jobs
 * beyond the threads wait in order, up to `maxWaiting`. A thread that dies fails its job and is
 * replaced. Hand-written rather than piscina: piscina starts its own worker file from its package
 * directory, which the self-contained bundle of the node image does not have.
 */
export class JobPool {
  private readonly threads: Thread[] = [];
  private readonly waiting: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    size: number,
    private readonly spawn: () => Worker,
    private readonly maxWaiting: number,
  ) {
    for (let i = 0; i < size; i++) this.threads.push(this.start());
  }

  get size(): number {
    return this.threads.length;
  }

  get busy(): number {
    return this.threads.filter((thread) => thread.running).length;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Every thread has started and there is room in the queue. */
  get ready(): boolean {
    return !this.closed && this.threads.every((t) => t.online) && this.waiting.length < this.maxWaiting;
  }

  run(task: Omit<JobTask, 'id'>): Promise<JobOutcome> {
    if (this.closed) return Promise.reject(new Error('the job pool is closed'));
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(new JobQueueFullError(this.maxWaiting));
    return new Promise((resolve, reject) => {
      this.waiting.push({ task: { ...task, id: this.nextId++ }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.waiting.splice(0)) pending.reject(new Error('the job pool is closed'));
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private start(): Thread {
    const thread: Thread = { worker: this.spawn(), running: null, online: false };
    thread.worker.once('online', () => (thread.online = true));
    thread.worker.on('message', (outcome: JobOutcome) => {
      const done = thread.running;
      thread.running = null;
      done?.resolve(outcome);
      this.dispatch();
    });
    thread.worker.on('error', (error) => this.replace(thread, error));
    thread.worker.on('exit', (code) =>
      this.replace(thread, new Error(`job thread exited with code ${code}`)),
    );
    thread.worker.unref();
    return thread;
  }

  private replace(thread: Thread, error: Error): void {
    const index = this.threads.indexOf(thread);
    if (index < 0) return;
    thread.running?.reject(error);
    thread.running = null;
    if (this.closed) return;
    this.threads[index] = this.start();
    this.dispatch();
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      if (thread.running || this.waiting.length === 0) continue;
      const next = this.waiting.shift() as Pending;
      thread.running = next;
      thread.worker.postMessage(next.task);
    }
  }
}
