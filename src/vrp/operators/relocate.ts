// Relocate: take one job out of a route and insert it at another position, in the same
// route or another one (VROOM "relocate", HGS move 1).
import type { ProblemData } from "../data.js";
import type { Solution } from "../solution.js";
import { copyInto, EPS_USD, type Move, nearSpot, type Operator, type OperatorContext, replaceMove } from "./operator.js";

/** Move one job to its best position in a route. */
export const relocate: Operator = {
  name: "relocate",
  interRoute: true,
  supports: (data: ProblemData) => data.nJobs >= 1,
  best(ctx: OperatorContext, sol: Solution, a: number, b: number): Move | null {
    const { ev, bufA, bufB } = ctx;
    const ra = sol.routes[a];
    const rb = sol.routes[b];
    const la = sol.lockedCount(a);
    const lb = sol.lockedCount(b);
    const base = sol.routeCostUsd[a] + (a === b ? 0 : sol.routeCostUsd[b]);
    let bestDelta = -EPS_USD;
    let best: { i: number; p: number; ca: number; cb: number } | null = null;
    for (let i = la; i < ra.length; i++) {
      const job = ra[i];
      if (a !== b && ctx.data.compatible[b * ctx.data.nJobs + job] === 0) continue;
      let ca = 0;
      if (a !== b) {
        let n = copyInto(bufA, 0, ra, 0, i);
        n = copyInto(bufA, n, ra, i + 1, ra.length);
        ca = ev.cost(a, bufA, n);
        if (ca === Infinity) continue;
      }
      const target = a === b ? ra.length - 1 : rb.length;
      for (let p = a === b ? la : lb; p <= target; p++) {
        if (a === b && p === i) continue;
        if (a !== b && !nearSpot(ctx, job, p > 0 ? rb[p - 1] : -1, p < rb.length ? rb[p] : -1)) continue;
        let n: number;
        if (a === b) {
          // remove i, then insert at p of the shortened route
          n = 0;
          for (let k = 0, q = 0; k < ra.length; k++) {
            if (k === i) continue;
            if (q === p) bufB[n++] = job;
            bufB[n++] = ra[k];
            q++;
          }
          if (p === ra.length - 1) bufB[n++] = job;
        } else {
          n = copyInto(bufB, 0, rb, 0, p);
          bufB[n++] = job;
          n = copyInto(bufB, n, rb, p, rb.length);
        }
        const cb = ev.cost(b, bufB, n);
        const delta = ca + cb - base;
        if (delta < bestDelta) {
          bestDelta = delta;
          best = { i, p, ca, cb };
        }
      }
    }
    if (!best) return null;
    const { i, p, ca, cb } = best;
    const job = ra[i];
    const newA = ra.slice(0, i).concat(ra.slice(i + 1));
    if (a === b) {
      newA.splice(p, 0, job);
      return replaceMove(bestDelta, a, newA, cb, a, null, 0);
    }
    const newB = rb.slice(0, p).concat([job], rb.slice(p));
    return replaceMove(bestDelta, a, newA, ca, b, newB, cb);
  },
};
