import type { ArrivalSchedule } from './arrival-schedule';
import { mulberry32 } from './prng';
import type { RateProfile } from './rate-phases';

/**
 * A non-homogeneous Poisson process following the profile's rate, by thinning (Lewis and Shedler):
 * candidates of a Poisson process at the highest rate, each kept with probability rate(t) / highest.
 * Two PRNG streams from the seed (candidates, acceptance), so the same seed replays the same times.
 */
export function varyingPoisson(profile: RateProfile, seed: number): ArrivalSchedule {
  return {
    label: `poisson ${profile.label} (seed ${seed})`,
    durationMs: profile.durationMs,
    *offsets() {
      if (profile.maxRate === 0) return;
      const gaps = mulberry32(seed);
      const keep = mulberry32(seed ^ 0x9e3779b9);
      let at = 0;
      for (;;) {
        // Inverse-CDF sampling; 1 - u lies in (0, 1], so the log is finite.
        at += (-Math.log(1 - gaps()) * 1000) / profile.maxRate;
        if (at >= profile.durationMs) return;
        if (keep() * profile.maxRate < profile.rateAt(at)) yield at;
      }
    },
  };
}
