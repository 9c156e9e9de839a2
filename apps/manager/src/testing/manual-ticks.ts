import type { ElasticityTicker } from '../app/elasticity/elasticity-ticker';

/**
 * Elasticity ticks the test drives (the loop off): each one moves a fake clock on by a second, evaluates
 * every pod and waits for the scaling it started.
 */
export function manualTicks(ticker: () => ElasticityTicker): (times?: number) => Promise<void> {
  let clock = 1_000_000;
  return async (times = 1) => {
    for (let i = 0; i < times; i++) {
      clock += 1000;
      await ticker().tick(clock);
      await ticker().idle();
    }
  };
}
