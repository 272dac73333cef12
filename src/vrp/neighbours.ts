// Nearest jobs of each job by travel distance (both directions averaged): the relatedness
// used by the ruin step to remove clusters of nearby jobs.
import type { ProblemData } from "./data.js";

/** For each job, up to `k` other jobs sorted by increasing distance. */
export function nearestJobs(data: ProblemData, k: number): Int32Array[] {
  const n = data.nJobs;
  const out: Int32Array[] = [];
  const others = new Int32Array(n);
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const li = data.jobLoc[i];
    let m = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const lj = data.jobLoc[j];
      const d = data.distanceKm[li * data.nLocations + lj] + data.distanceKm[lj * data.nLocations + li];
      key[j] = Number.isFinite(d) ? d : Number.MAX_VALUE;
      others[m++] = j;
    }
    const list = Array.from(others.subarray(0, m)).sort((x, y) => key[x] - key[y] || x - y);
    out.push(Int32Array.from(list.slice(0, k)));
  }
  return out;
}
