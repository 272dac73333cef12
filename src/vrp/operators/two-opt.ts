// 2-opt: reverse a segment of one route (VROOM "intra 2-opt"). Priced from segment data:
// O(length of the reversed part) per candidate.
import type { ProblemData } from "../data.js";
import type { Solution } from "../solution.js";
import { EPS_USD, type Move, type Operator, type OperatorContext, replaceMove } from "./operator.js";

/** Reverse a segment of one route. */
export const twoOpt: Operator = {
  name: "two-opt",
  interRoute: false,
  supports: (data: ProblemData) => data.nJobs >= 3,
  best(ctx: OperatorContext, sol: Solution, a: number): Move | null {
    const { pr, seg } = ctx;
    const ra = sol.routes[a];
    seg.sync(a, ra);
    const n = ra.length;
    const base = sol.routeCostUsd[a];
    let bestDelta = -EPS_USD;
    let bestI = -1;
    let bestK = -1;
    for (let i = sol.lockedCount(a); i < n - 1; i++) {
      for (let k = i + 1; k < n; k++) {
        const c = pr.prefix(a, ra, i).reversed(ra, i, k + 1).suffix(a, ra, k + 1).cost(base + bestDelta);
        if (c - base < bestDelta) {
          bestDelta = c - base;
          bestI = i;
          bestK = k;
        }
      }
    }
    if (bestI < 0) return null;
    const seq = ra.slice(0, bestI).concat(ra.slice(bestI, bestK + 1).reverse(), ra.slice(bestK + 1));
    return replaceMove(ctx.ev, bestDelta, a, seq, a, null);
  },
};
