// 2-opt*: exchange the tails of two routes (HGS move 9 / VROOM "cross exchange" of tails).
import type { ProblemData } from "../data.js";
import type { Solution } from "../solution.js";
import { copyInto, EPS_USD, type Move, type Operator, type OperatorContext, replaceMove } from "./operator.js";

/** Exchange route tails between two vehicles. */
export const twoOptStar: Operator = {
  name: "two-opt-star",
  interRoute: true,
  supports: (data: ProblemData) => data.nVehicles >= 2,
  best(ctx: OperatorContext, sol: Solution, a: number, b: number): Move | null {
    if (a === b) return null;
    const { ev, bufA, bufB, data } = ctx;
    const ra = sol.routes[a];
    const rb = sol.routes[b];
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
    let best: { i: number; k: number; ca: number; cb: number } | null = null;
    for (let i = minI; i <= ra.length; i++) {
      for (let k = minK; k <= rb.length; k++) {
        if (i === ra.length && k === rb.length) continue;
        if (i === minI && k === minK && minI === 0 && minK === 0) continue; // whole-route exchange
        // new links: ra[i-1] -> rb[k] and rb[k-1] -> ra[i]; skip pairs where neither joins neighbours
        if (i > 0 && k > 0 && i < ra.length && k < rb.length && !ctx.near(ra[i - 1], rb[k]) && !ctx.near(rb[k - 1], ra[i])) continue;
        let na = copyInto(bufA, 0, ra, 0, i);
        na = copyInto(bufA, na, rb, k, rb.length);
        const ca = ev.cost(a, bufA, na);
        if (ca === Infinity) continue;
        let nb = copyInto(bufB, 0, rb, 0, k);
        nb = copyInto(bufB, nb, ra, i, ra.length);
        const cb = ev.cost(b, bufB, nb);
        if (ca + cb - base < bestDelta) {
          bestDelta = ca + cb - base;
          best = { i, k, ca, cb };
        }
      }
    }
    if (!best) return null;
    const { i, k, ca, cb } = best;
    const newA = ra.slice(0, i).concat(rb.slice(k));
    const newB = rb.slice(0, k).concat(ra.slice(i));
    return replaceMove(bestDelta, a, newA, ca, b, newB, cb);
  },
};
