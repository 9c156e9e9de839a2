import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { takeOffsets } from '../schedule/arrival-schedule';
import { poisson } from '../schedule/schedules';
import { LoadRun } from './load-run';
import { LoadPlan, planLoad } from './run-load-options';

/** Below this many arrivals in the first second a cold generator keeps up (measured: docs/benchmarks.md). */
const WARM_FROM_PER_SECOND = 500;
const WARM_UP_MS = 2000;
const WARMEST_PER_SECOND = 20_000;

/** The highest rate this process's generator code has already run at. */
let warmedAtPerSecond = 0;

/**
 * A fresh process sends late for its first second or two at thousands of requests per second: its
 * code is not optimized yet (one variable at a time in docs/benchmarks.md: not the server, not the
 * sockets). So before a fast start the generator runs its own code for 2 s at the starting rate
 * against a private server in this process; nothing reaches the target, and the run's clock starts
 * after. Once per process and rate. Resolves to the time it took (0 when none was needed).
 */
export async function warmUpGenerator(plan: LoadPlan): Promise<number> {
  if (!plan.warmUp || plan.signal?.aborted) return 0;
  const most = Math.min(WARMEST_PER_SECOND, plan.maxRequests ?? WARMEST_PER_SECOND);
  const firstSecond = Math.min(1000, plan.durationMs ?? 1000);
  const startingRate = takeOffsets(plan.schedule, { durationMs: firstSecond, maxCount: most }).length;
  if (startingRate < WARM_FROM_PER_SECOND || startingRate <= warmedAtPerSecond) return 0;
  const begun = performance.now();
  const server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const warmUp = planLoad({
      target: `http://127.0.0.1:${port}/`,
      schedule: poisson(startingRate, 1),
      durationMs: WARM_UP_MS,
      maxSockets: plan.maxSockets,
      progressIntervalMs: WARM_UP_MS,
      warmUp: false,
    });
    await new LoadRun(warmUp).run();
    warmedAtPerSecond = startingRate;
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return performance.now() - begun;
}
