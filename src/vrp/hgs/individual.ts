// An individual of the genetic search: its giant tour, its routes (one per vehicle when the
// fleet is mixed), their cost and penalised cost, feasibility, the stops it leaves out (when
// stops are optional) and the neighbour pairs used to measure diversity (broken-pairs distance).
import { type HgsData, viewFor } from "./hgs-data.js";
import { concat, loadExcess, newSegment, routeObjective, timeExcess, visitCustomer, visitDepot } from "./segment.js";

/** One solution of the population, priced under the penalties current at its creation. */
export class Individual {
  readonly tour: Int32Array;
  readonly routes: number[][];
  /** Cost in the data's cost unit, without penalties. */
  cost = 0;
  capExcess = 0;
  timeWarp = 0;
  penalisedCost = 0;
  /** Priority and number of the customers served (VROOM's first two objectives). */
  servedPriority = 0;
  served = 0;
  /** Prizes of the customers left out (see HgsData.prize); part of the penalised cost. */
  unservedPrize = 0;
  /** Successor and predecessor of each customer (-1: the depot, -2: not served). */
  readonly succ: Int32Array;
  readonly pred: Int32Array;
  /** Set by the population. */
  biasedFitness = 0;

  /** `routes`: for the giant-tour variant any number of them; otherwise route r is driven by vehicle r. */
  constructor(data: HgsData, routes: number[][], capPenalty: number, twPenalty: number) {
    this.routes = data.giantTour ? orderRoutes(data, routes.filter((r) => r.length > 0)) : routes;
    this.tour = Int32Array.from(this.routes.flat());
    this.succ = new Int32Array(data.n).fill(-2);
    this.pred = new Int32Array(data.n).fill(-2);
    const seg = newSegment(data);
    const one = newSegment(data);
    this.routes.forEach((r, slot) => {
      const v = data.giantTour ? 0 : slot;
      if (r.length === 0 && data.startCount[v] === 0) return;
      const on = viewFor(data, v);
      visitDepot(data, v, false, seg);
      r.forEach((c, k) => {
        this.servedPriority += data.priority[c];
        // an unload is no stop served
        if (!data.isUnload[c]) this.served++;
        concat(on, seg, visitCustomer(data, c, one), seg);
        this.pred[c] = k > 0 ? r[k - 1] : -1;
        this.succ[c] = k + 1 < r.length ? r[k + 1] : -1;
      });
      concat(on, seg, visitDepot(data, v, true, one), seg);
      if (seg.count === 0) {
        // an unused vehicle holding its breaks: only a surplus of breaks counts
        this.capExcess += loadExcess(data, seg, v);
        return;
      }
      this.cost += routeObjective(data, seg, v);
      this.capExcess += loadExcess(data, seg, v);
      this.timeWarp += timeExcess(data, seg, v);
    });
    // a job's prize once, when none of its copies (windows) is served
    for (let c = 0; c < data.n; c++) {
      if (this.succ[c] !== -2) continue;
      let first = c;
      let served = false;
      for (let x = data.nextCopy[c]; x !== c; x = data.nextCopy[x]) {
        if (this.succ[x] !== -2) served = true;
        if (x < first) first = x;
      }
      if (!served && first === c) this.unservedPrize += data.prize[c];
    }
    this.penalisedCost = this.cost + capPenalty * this.capExcess + twPenalty * this.timeWarp + this.unservedPrize;
  }

  /** Penalised cost under new penalties. */
  reprice(capPenalty: number, twPenalty: number): void {
    this.penalisedCost = this.cost + capPenalty * this.capExcess + twPenalty * this.timeWarp + this.unservedPrize;
  }

  get feasible(): boolean {
    return this.capExcess < 1e-9 && this.timeWarp < 1e-9;
  }

  /** Broken-pairs distance to `o`, in [0, 1]. */
  distanceTo(o: Individual): number {
    const n = this.succ.length;
    let broken = 0;
    for (let c = 0; c < n; c++) {
      const s = this.succ[c];
      const p = this.pred[c];
      if (s !== o.succ[c] && s !== o.pred[c]) broken++;
      else if (p === -1 && o.pred[c] !== -1 && o.succ[c] !== -1) broken++;
    }
    return broken / n;
  }
}

/** True when `a` beats `b` in VROOM's order: served priority, then stops served, then cost. */
export function better(a: Individual, b: Individual): boolean {
  if (a.servedPriority !== b.servedPriority) return a.servedPriority > b.servedPriority;
  if (a.served !== b.served) return a.served > b.served;
  return a.cost < b.cost - 1e-9;
}

/**
 * Orders routes so that neighbouring routes follow each other in the giant tour (HGS sorts
 * them by polar angle; without coordinates we chain route medoids by nearest neighbour).
 */
function orderRoutes(data: HgsData, routes: number[][]): number[][] {
  if (routes.length < 3) return routes;
  const m = data.nLoc;
  const medoid = routes.map((r) => {
    let best = r[0];
    let bestSum = Infinity;
    const step = Math.max(1, Math.floor(r.length / 8));
    for (const a of r) {
      let sum = 0;
      for (let k = 0; k < r.length; k += step) sum += data.dist[data.loc[a] * m + data.loc[r[k]]];
      if (sum < bestSum) {
        bestSum = sum;
        best = a;
      }
    }
    return data.loc[best];
  });
  const left = new Set(routes.map((_, i) => i));
  // start from the route farthest from the depot, then always the nearest remaining one
  let cur = 0;
  for (const i of left) if (data.dist[data.depot * m + medoid[i]] > data.dist[data.depot * m + medoid[cur]]) cur = i;
  const out: number[][] = [];
  while (left.size > 0) {
    left.delete(cur);
    out.push(routes[cur]);
    let next = -1;
    for (const i of left) if (next < 0 || data.dist[medoid[cur] * m + medoid[i]] < data.dist[medoid[cur] * m + medoid[next]]) next = i;
    cur = next;
  }
  return out;
}
