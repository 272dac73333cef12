// The cost of one used vehicle's route from its figures: fixed, per job served, per km and per
// paid hour (the duration, or the vehicle's minimum paid time when longer), as the reported
// routes price it (the search's segments price the same terms in hgs/segment.ts).
import type { ProblemData } from "./data.js";

/**
 * USD of vehicle `v` serving `jobs` jobs (>= 1; an unused vehicle costs 0 and is not priced
 * here) over `distanceKm` km in `durationS` seconds.
 */
export function routeCostUsd(d: ProblemData, v: number, jobs: number, distanceKm: number, durationS: number): number {
  const minPaidS = d.vMinPaidS[v];
  const paidS = durationS > minPaidS ? durationS : minPaidS;
  return d.vFixedUsd[v] + d.vUsdPerStop[v] * jobs + d.vUsdPerKm[v] * distanceKm + (d.vUsdPerHour[v] * paidS) / 3600;
}
