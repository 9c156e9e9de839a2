import { request } from 'node:http';

export interface EmbeddedHealthCheckOptions {
  path: string;
  interMs: number;
  /** Interval while the result contradicts the current state, as HAProxy's `fastinter`. */
  fastInterMs: number;
  fall: number;
  rise: number;
  timeoutMs: number;
}

/** The same checks HAProxy runs (`option httpchk GET /health`, inter 1s fastinter 250ms fall 2 rise 2). */
export const EMBEDDED_HEALTH_CHECK: EmbeddedHealthCheckOptions = {
  path: '/health',
  interMs: 1000,
  fastInterMs: 250,
  fall: 2,
  rise: 2,
  timeoutMs: 2000,
};

/**
 * Active health check of one node. Starts up, as a HAProxy server does after `state ready`: the manager
 * only adds a node once it has answered /health itself.
 */
export class EmbeddedHealthCheck {
  up = true;
  /** Times the check took the node from up to down. */
  downTransitions = 0;
  private streak = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly target: { host: string; port: number },
    private readonly options: EmbeddedHealthCheckOptions = EMBEDDED_HEALTH_CHECK,
    private readonly onChange: () => void = () => undefined,
  ) {
    this.schedule(options.interMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), delayMs);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    const healthy = await this.probe();
    if (healthy === this.up) this.streak = 0;
    else if (++this.streak >= (this.up ? this.options.fall : this.options.rise)) {
      if (this.up) this.downTransitions++;
      this.up = healthy;
      this.streak = 0;
      this.onChange();
    }
    this.schedule(this.streak > 0 ? this.options.fastInterMs : this.options.interMs);
  }

  /** 2xx and 3xx pass, as for HAProxy's httpchk. */
  private probe(): Promise<boolean> {
    const { host, port } = this.target;
    const { path, timeoutMs } = this.options;
    return new Promise((resolve) => {
      const req = request({ host, port, path, agent: false, timeout: timeoutMs }, (res) => {
        res.resume();
        resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 400);
      });
      req.on('timeout', () => req.destroy(new Error('health check timed out')));
      req.on('error', () => resolve(false));
      req.end();
    });
  }
}
