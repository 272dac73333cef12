// Relocate: take one job out of a route and insert it at another position, in the same
// route or another one (VROOM "relocate", HGS move 1). Priced from segment data.
import type { ProblemData } from "../data.js";
import type { Solution } from "../solution.js";
import { EPS_USD, type Move, nearSpot, type Operator, type OperatorContext, replaceMove } from "./operator.js";

/** Move one job to its best position in a route. */
export const relocate: Operator = {
  name: "relocate",
  interRoute: true,
  supports: (data: ProblemData) => data.nJobs >= 1,
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
    let bestP = -1;
    for (let i = la; i < ra.length; i++) {
      const job = ra[i];
      if (a !== b) {
        if (data.compatible[b * data.nJobs + job] === 0) continue;
        const ca = pr.prefix(a, ra, i).suffix(a, ra, i + 1).cost(base + bestDelta);
        if (ca === Infinity) continue;
        for (let p = lb; p <= rb.length; p++) {
          if (!nearSpot(ctx, job, p > 0 ? rb[p - 1] : -1, p < rb.length ? rb[p] : -1)) continue;
          const delta = ca + pr.prefix(b, rb, p).job(job).suffix(b, rb, p).cost(base + bestDelta - ca) - base;
          if (delta < bestDelta) {
            bestDelta = delta;
            bestI = i;
            bestP = p;
          }
        }
        continue;
      }
      // inside one route: p is the position in the route without job i
      for (let p = la; p < ra.length; p++) {
        if (p === i) continue;
        const c = p < i
          ? pr.prefix(a, ra, p).job(job).range(ra, p, i).suffix(a, ra, i + 1).cost(base + bestDelta)
          : pr.prefix(a, ra, i).range(ra, i + 1, p + 1).job(job).suffix(a, ra, p + 1).cost(base + bestDelta);
        if (c - base < bestDelta) {
          bestDelta = c - base;
          bestI = i;
          bestP = p;
        }
      }
    }
    if (bestI < 0) return null;
    const job = ra[bestI];
    const newA = ra.slice(0, bestI).concat(ra.slice(bestI + 1));
    if (a === b) {
      newA.splice(bestP, 0, job);
      return replaceMove(ctx.ev, bestDelta, a, newA, a, null);
    }
    const newB = rb.slice(0, bestP).concat([job], rb.slice(bestP));
    return replaceMove(ctx.ev, bestDelta, a, newA, b, newB);
  },
};
