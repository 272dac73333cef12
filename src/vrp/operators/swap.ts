// Swap: exchange two jobs, in two different routes or inside one route (VROOM "exchange").
// Priced from segment data.
import type { ProblemData } from "../data.js";
import type { Solution } from "../solution.js";
import { EPS_USD, type Move, type Operator, type OperatorContext, replaceMove } from "./operator.js";

/** Exchange two jobs between routes or inside one. */
export const swap: Operator = {
  name: "swap",
  interRoute: true,
  supports: (data: ProblemData) => data.nJobs >= 2,
  best(ctx: OperatorContext, sol: Solution, a: number, b: number): Move | null {
    const { pr, seg, data } = ctx;
    const ra = sol.routes[a];
    const rb = sol.routes[b];
    seg.sync(a, ra);
    seg.sync(b, rb);
    const la = sol.lockedCount(a);
    const lb = sol.lockedCount(b);
    const base = sol.routeCostUsd[a] + (a === b ? 0 : sol.routeCostUsd[b]);
    let bestDelta = -EPS_USD;
    let bestI = -1;
    let bestK = -1;
    for (let i = la; i < ra.length; i++) {
      const x = ra[i];
      if (a !== b && data.compatible[b * data.nJobs + x] === 0) continue;
      for (let k = a === b ? i + 1 : lb; k < rb.length; k++) {
        const y = rb[k];
        if (!ctx.near(x, y)) continue;
        let delta: number;
        if (a === b) {
          delta = pr.prefix(a, ra, i).job(y).range(ra, i + 1, k).job(x).suffix(a, ra, k + 1).cost(base + bestDelta) - base;
        } else {
          if (data.compatible[a * data.nJobs + y] === 0) continue;
          const ca = pr.prefix(a, ra, i).job(y).suffix(a, ra, i + 1).cost(base + bestDelta);
          if (ca === Infinity) continue;
          delta = ca + pr.prefix(b, rb, k).job(x).suffix(b, rb, k + 1).cost(base + bestDelta - ca) - base;
        }
        if (delta < bestDelta) {
          bestDelta = delta;
          bestI = i;
          bestK = k;
        }
      }
    }
    if (bestI < 0) return null;
    const newA = ra.slice();
    if (a === b) {
      newA[bestI] = ra[bestK];
      newA[bestK] = ra[bestI];
      return replaceMove(ctx.ev, bestDelta, a, newA, a, null);
    }
    const newB = rb.slice();
    newA[bestI] = rb[bestK];
    newB[bestK] = ra[bestI];
    return replaceMove(ctx.ev, bestDelta, a, newA, b, newB);
  },
};
