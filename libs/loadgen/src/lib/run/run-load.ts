import { LoadResult } from '../measure/load-result';
import { LoadRun } from './load-run';
import { planLoad, RunLoadOptions } from './run-load-options';

/**
 * Sends open-loop load and measures it. Options are validated before anything is sent: an unbounded
 * run, a bad target or a non-loopback host (without `allowNonLoopback`) rejects with a typed error.
 */
export async function runLoad(options: RunLoadOptions): Promise<LoadResult> {
  return new LoadRun(planLoad(options)).run();
}
