// The search's working solution: one job sequence per vehicle, cached route costs, and the
// VROOM-order objective (served priority, then number served, then cost in USD).
import type { ProblemData } from "./data.js";
import type { RouteEvaluator } from "./route-eval.js";

/** A solution under construction or search. Routes hold job indices; locked prefixes come first. */
export class Solution {
  readonly routes: number[][];
  readonly routeCostUsd: Float64Array;
  /** Vehicle serving each job, or -1. */
  readonly vehicleOf: Int32Array;

  constructor(readonly data: ProblemData, routes?: number[][], costs?: Float64Array, vehicleOf?: Int32Array) {
    this.routes = routes ?? data.lockedPrefix.map((p) => [...p]);
    this.routeCostUsd = costs ?? new Float64Array(data.nVehicles);
    this.vehicleOf = vehicleOf ?? new Int32Array(data.nJobs).fill(-1);
    if (!routes) this.routes.forEach((r, v) => r.forEach((j) => (this.vehicleOf[j] = v)));
  }

  clone(): Solution {
    return new Solution(this.data, this.routes.map((r) => r.slice()), this.routeCostUsd.slice(), this.vehicleOf.slice());
  }

  /** Recomputes every route's cost; returns false when a route is infeasible. */
  refreshCosts(ev: RouteEvaluator): boolean {
    let ok = true;
    this.routes.forEach((r, v) => {
      const c = ev.cost(v, r, r.length);
      this.routeCostUsd[v] = c;
      if (c === Infinity) ok = false;
    });
    return ok;
  }

  /** Replaces route `v` with `seq` (cost already known), keeping `vehicleOf` in step. */
  setRoute(v: number, seq: number[], costUsd: number): void {
    for (const j of this.routes[v]) if (this.vehicleOf[j] === v) this.vehicleOf[j] = -1;
    for (const j of seq) this.vehicleOf[j] = v;
    this.routes[v] = seq;
    this.routeCostUsd[v] = costUsd;
  }

  /** Number of jobs whose position in route `v` is fixed by a lock. */
  lockedCount(v: number): number {
    return this.data.lockedPrefix[v].length;
  }

  costUsd(): number {
    let c = 0;
    for (let v = 0; v < this.routeCostUsd.length; v++) c += this.routeCostUsd[v];
    return c;
  }

  objective(): Objective {
    let priority = 0;
    let served = 0;
    for (let j = 0; j < this.vehicleOf.length; j++) {
      if (this.vehicleOf[j] >= 0) {
        served++;
        priority += this.data.jobPriority[j];
      }
    }
    return { priority, served, costUsd: this.costUsd() };
  }

  unassignedJobs(): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.vehicleOf.length; j++) if (this.vehicleOf[j] < 0) out.push(j);
    return out;
  }
}

/** Lexicographic objective: more priority served, then more jobs, then less cost. */
export interface Objective {
  priority: number;
  served: number;
  costUsd: number;
}

/** Negative when `a` is better than `b`, positive when worse, 0 when equal (cost within 1e-9 relative). */
export function compareObjective(a: Objective, b: Objective): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.served !== b.served) return b.served - a.served;
  const eps = 1e-9 * Math.max(1, Math.abs(a.costUsd), Math.abs(b.costUsd));
  if (a.costUsd < b.costUsd - eps) return -1;
  if (a.costUsd > b.costUsd + eps) return 1;
  return 0;
}
