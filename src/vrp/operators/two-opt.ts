// 2-opt: reverse a segment of one route (VROOM "intra 2-opt").
import type { ProblemData } from "../data.js";
import type { Solution } from "../solution.js";
import { EPS_USD, type Move, type Operator, type OperatorContext, replaceMove } from "./operator.js";

/** Reverse a segment of one route. */
export const twoOpt: Operator = {
  name: "two-opt",
  interRoute: false,
  supports: (data: ProblemData) => data.nJobs >= 3,
  best(ctx: OperatorContext, sol: Solution, a: number): Move | null {
    const { ev, bufA } = ctx;
    const ra = sol.routes[a];
    const n = ra.length;
    const base = sol.routeCostUsd[a];
    let bestDelta = -EPS_USD;
    let best: { i: number; k: number; c: number } | null = null;
    for (let i = sol.lockedCount(a); i < n - 1; i++) {
      for (let k = i + 1; k < n; k++) {
        for (let q = 0; q < n; q++) bufA[q] = q >= i && q <= k ? ra[i + k - q] : ra[q];
        const c = ev.cost(a, bufA, n);
        if (c - base < bestDelta) {
          bestDelta = c - base;
          best = { i, k, c };
        }
      }
    }
    if (!best) return null;
    const { i, k, c } = best;
    const seq = ra.slice(0, i).concat(ra.slice(i, k + 1).reverse(), ra.slice(k + 1));
    return replaceMove(bestDelta, a, seq, c, a, null, 0);
  },
};
