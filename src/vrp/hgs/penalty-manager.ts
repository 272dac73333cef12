// Penalties of the genetic search's infeasible solutions (after PyVRP's PenaltyManager): one
// for load-type excess (capacity, tasks, skills) and one for time-type excess (time warp,
// duration and distance limits), started from the data, raised when too few recent solutions
// were feasible in that respect and lowered when too many were, and a booster that multiplies
// both for the repair of an infeasible offspring.
import type { HgsData } from "./hgs-data.js";

/** How the penalties move; see PenaltyManager. */
export interface PenaltyParams {
  /** Registrations between two updates of a penalty. */
  every: number;
  /** Target share of feasible registrations, and the band around it left alone. */
  target: number;
  tolerance: number;
  /** Factors applied when the share is below (increase) or above (decrease) the band. */
  increase: number;
  decrease: number;
  /** Bounds of either penalty. */
  min: number;
  max: number;
  /** Factor on both penalties while repairing. */
  booster: number;
}

/** Current penalties (cost units per unit of excess) and the feasibility counts since their last update. */
export class PenaltyManager {
  cap: number;
  tw: number;
  private loadSeen = 0;
  private loadOk = 0;
  private timeSeen = 0;
  private timeOk = 0;

  private readonly bounds: { cap: readonly [number, number]; tw: readonly [number, number] };

  /**
   * Starting values are taken as given; updates keep each penalty within [min, max], or within
   * its own `bounds` when given (a penalty whose bounds are both its start stays as it is).
   */
  constructor(cap: number, tw: number, private readonly p: PenaltyParams, bounds?: { cap: readonly [number, number]; tw: readonly [number, number] }) {
    this.cap = cap;
    this.tw = tw;
    this.bounds = bounds ?? { cap: [p.min, p.max], tw: [p.min, p.max] };
  }

  /** Counts one solution's feasibility; true when a penalty changed (priced figures are then stale). */
  register(loadFeasible: boolean, timeFeasible: boolean): boolean {
    const cap = this.cap;
    const tw = this.tw;
    this.loadSeen++;
    if (loadFeasible) this.loadOk++;
    this.timeSeen++;
    if (timeFeasible) this.timeOk++;
    if (this.loadSeen >= this.p.every) {
      this.cap = this.next(this.cap, this.loadOk / this.loadSeen, this.bounds.cap);
      this.loadSeen = this.loadOk = 0;
    }
    if (this.timeSeen >= this.p.every) {
      this.tw = this.next(this.tw, this.timeOk / this.timeSeen, this.bounds.tw);
      this.timeSeen = this.timeOk = 0;
    }
    return cap !== this.cap || tw !== this.tw;
  }

  /**
   * Updates both penalties now from the counts since the last update (with `every` set to
   * Infinity, the caller's schedule instead of every so many registrations).
   */
  update(): void {
    if (this.loadSeen > 0) this.cap = this.next(this.cap, this.loadOk / this.loadSeen, this.bounds.cap);
    if (this.timeSeen > 0) this.tw = this.next(this.tw, this.timeOk / this.timeSeen, this.bounds.tw);
    this.loadSeen = this.loadOk = this.timeSeen = this.timeOk = 0;
  }

  /** Penalties for a repair: both times the booster. */
  boostedCap(): number {
    return this.cap * this.p.booster;
  }

  boostedTw(): number {
    return this.tw * this.p.booster;
  }

  private next(penalty: number, feasibleShare: number, [lo, hi]: readonly [number, number]): number {
    const diff = this.p.target - feasibleShare;
    if (Math.abs(diff) < this.p.tolerance) return penalty;
    return Math.min(hi, Math.max(lo, penalty * (diff > 0 ? this.p.increase : this.p.decrease)));
  }
}

/**
 * Starting penalties read from the data (as PyVRP's init_from): a unit of excess load weighs
 * what an average edge costs divided by the average amount a stop brings (a stop's worth of
 * excess costs about one edge), and a second of time warp what an average edge costs divided
 * by its average travel time. `kmCost`: cost of a km on the dearest route; `perS`: cost of a
 * second on it.
 */
export function initialPenalties(data: HgsData, kmCost: number, perS: number): { cap: number; tw: number } {
  let km = 0;
  let s = 0;
  for (let k = 0; k < data.dist.length; k++) {
    km += data.dist[k];
    s += data.time[k];
  }
  const edges = Math.max(1, data.dist.length);
  const avgCost = (kmCost * km + perS * s) / edges;
  let load = 0;
  for (let c = 0; c < data.n; c++) load += Math.abs(data.demand[c]);
  const avgLoad = load / Math.max(1, data.n);
  return { cap: avgCost / Math.max(1, avgLoad), tw: avgCost / Math.max(1, s / edges) };
}
