// Why a job is left out: no vehicle with its skills (or of its carrier), or the constraint
// that fails most often when it is tried alone on each vehicle, or in each current route.
import type { Unassigned, UnassignedReason } from "../domain/index.js";
import type { ProblemData } from "./data.js";
import { Failure, type FailureCode, type RouteEvaluator } from "./route-eval.js";
import { noVehicle } from "./hgs/reasons.js";
import type { Solution } from "./solution.js";

const REASON: Record<FailureCode, UnassignedReason> = {
  [Failure.none]: "not-profitable",
  [Failure.capacity]: "capacity",
  [Failure.timeWindow]: "time-window",
  [Failure.shift]: "shift",
  [Failure.maxDistance]: "max-distance",
  [Failure.maxDuration]: "max-duration",
  [Failure.unreachable]: "unreachable",
  [Failure.maxTasks]: "capacity",
  [Failure.skills]: "skills",
};

const WHY: Record<FailureCode, string> = {
  [Failure.none]: "it fits but was not worth serving",
  [Failure.capacity]: "its amounts do not fit in the load left",
  [Failure.timeWindow]: "no time window can be met",
  [Failure.shift]: "the vehicle could not return within its shift",
  [Failure.maxDistance]: "the route would exceed the vehicle's maximum distance",
  [Failure.maxDuration]: "the route would exceed the vehicle's maximum duration",
  [Failure.unreachable]: "its location cannot be reached on the network",
  [Failure.maxTasks]: "the vehicle's maximum number of stops is reached",
  [Failure.skills]: "no vehicle has the required skills",
};

/** One reason per unserved job of `sol`. */
export function explainUnassigned(data: ProblemData, ev: RouteEvaluator, sol: Solution): Unassigned[] {
  const out: Unassigned[] = [];
  const p = data.problem;
  const buf = new Int32Array(data.nJobs + 1);
  for (const j of sol.unassignedJobs()) {
    const job = p.jobs[j];
    const compatible: number[] = [];
    for (let v = 0; v < data.nVehicles; v++) if (data.compatible[v * data.nJobs + j]) compatible.push(v);
    if (compatible.length === 0) {
      out.push(noVehicle(data, j));
      continue;
    }
    // alone on each compatible vehicle (after its locked prefix)
    const alone = new Map<FailureCode, number>();
    let fitsAlone = false;
    for (const v of compatible) {
      const pre = data.lockedPrefix[v];
      pre.forEach((x, k) => (buf[k] = x));
      buf[pre.length] = j;
      if (ev.cost(v, buf, pre.length + 1) === Infinity) alone.set(ev.failure, (alone.get(ev.failure) ?? 0) + 1);
      else fitsAlone = true;
    }
    if (!fitsAlone) {
      const code = mostFrequent(alone);
      out.push({ jobId: job.id, reason: REASON[code], detail: `no compatible vehicle can serve it even alone: ${WHY[code]}` });
      continue;
    }
    const inRoutes = new Map<FailureCode, number>();
    for (const v of compatible) {
      const r = sol.routes[v];
      for (let pos = sol.lockedCount(v); pos <= r.length; pos++) {
        let n = 0;
        for (let k = 0; k < pos; k++) buf[n++] = r[k];
        buf[n++] = j;
        for (let k = pos; k < r.length; k++) buf[n++] = r[k];
        if (ev.cost(v, buf, n) === Infinity) inRoutes.set(ev.failure, (inRoutes.get(ev.failure) ?? 0) + 1);
      }
    }
    const code = mostFrequent(inRoutes);
    out.push({ jobId: job.id, reason: REASON[code], detail: `no room in any route of the fleet: ${WHY[code]}` });
  }
  return out;
}

function mostFrequent(counts: Map<FailureCode, number>): FailureCode {
  let best: FailureCode = Failure.none;
  let n = 0;
  for (const [code, c] of counts) {
    if (c > n) {
      n = c;
      best = code;
    }
  }
  return best;
}
