import { LoadResult } from '../measure/load-result';
import { warmUpGenerator } from './generator-warm-up';
import { LoadRun } from './load-run';
import { planLoad, RunLoadOptions } from './run-load-options';

/**
 * Sends open-loop load and measures it. Options are validated before anything is sent: an unbounded
 * run, a bad target or a non-loopback host (without `allowNonLoopback`) rejects with a typed error.
 */
export async function runLoad(options: RunLoadOptions): Promise<LoadResult> {
  const plan = planLoad(options);
  const warmUpMs = await warmUpGenerator(plan);
  return { ...(await new LoadRun(plan).run()), warmUpMs };
}
