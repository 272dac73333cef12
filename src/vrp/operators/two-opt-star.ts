// 2-opt*: exchange the tails of two routes (HGS move 9 / VROOM "cross exchange" of tails).
// Priced from segment data in O(1) per pair of cut points (same speed factor).
import type { ProblemData } from "../data.js";
import type { Solution } from "../solution.js";
import { EPS_USD, type Move, type Operator, type OperatorContext, replaceMove } from "./operator.js";

/** Exchange route tails between two vehicles. */
export const twoOptStar: Operator = {
  name: "two-opt-star",
  interRoute: true,
  supports: (data: ProblemData) => data.nVehicles >= 2,
  best(ctx: OperatorContext, sol: Solution, a: number, b: number): Move | null {
    if (a === b) return null;
    const { pr, seg, data } = ctx;
    const ra = sol.routes[a];
    const rb = sol.routes[b];
    seg.sync(a, ra);
    seg.sync(b, rb);
    const base = sol.routeCostUsd[a] + sol.routeCostUsd[b];
    // tails that may go to the other vehicle: first incompatible position from the end
    const okTail = (from: number[], to: number): number => {
      let k = from.length;
      while (k > 0 && data.compatible[to * data.nJobs + from[k - 1]] === 1) k--;
      return k;
    };
    const minI = Math.max(sol.lockedCount(a), okTail(ra, b));
    const minK = Math.max(sol.lockedCount(b), okTail(rb, a));
    let bestDelta = -EPS_USD;
    let bestI = -1;
    let bestK = -1;
    for (let i = minI; i <= ra.length; i++) {
      for (let k = minK; k <= rb.length; k++) {
        if (i === ra.length && k === rb.length) continue;
        if (i === minI && k === minK && minI === 0 && minK === 0) continue; // whole-route exchange
        // new links: ra[i-1] -> rb[k] and rb[k-1] -> ra[i]; skip pairs where neither joins neighbours
        if (i > 0 && k > 0 && i < ra.length && k < rb.length && !ctx.near(ra[i - 1], rb[k]) && !ctx.near(rb[k - 1], ra[i])) continue;
        const ca = pr.prefix(a, ra, i).suffix(b, rb, k).cost(base + bestDelta);
        if (ca === Infinity) continue;
        const delta = ca + pr.prefix(b, rb, k).suffix(a, ra, i).cost(base + bestDelta - ca) - base;
        if (delta < bestDelta) {
          bestDelta = delta;
          bestI = i;
          bestK = k;
        }
      }
    }
    if (bestI < 0) return null;
    const newA = ra.slice(0, bestI).concat(rb.slice(bestK));
    const newB = rb.slice(0, bestK).concat(ra.slice(bestI));
    return replaceMove(ctx.ev, bestDelta, a, newA, b, newB);
  },
};
