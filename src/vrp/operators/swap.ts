// Swap: exchange two jobs, in two different routes or inside one route (VROOM "exchange").
import type { ProblemData } from "../data.js";
import type { Solution } from "../solution.js";
import { copyInto, EPS_USD, type Move, type Operator, type OperatorContext, replaceMove } from "./operator.js";

/** Exchange two jobs between routes or inside one. */
export const swap: Operator = {
  name: "swap",
  interRoute: true,
  supports: (data: ProblemData) => data.nJobs >= 2,
  best(ctx: OperatorContext, sol: Solution, a: number, b: number): Move | null {
    const { ev, bufA, bufB, data } = ctx;
    const ra = sol.routes[a];
    const rb = sol.routes[b];
    const la = sol.lockedCount(a);
    const lb = sol.lockedCount(b);
    const base = sol.routeCostUsd[a] + (a === b ? 0 : sol.routeCostUsd[b]);
    let bestDelta = -EPS_USD;
    let best: { i: number; k: number; ca: number; cb: number } | null = null;
    for (let i = la; i < ra.length; i++) {
      const x = ra[i];
      if (a !== b && data.compatible[b * data.nJobs + x] === 0) continue;
      for (let k = a === b ? i + 1 : lb; k < rb.length; k++) {
        const y = rb[k];
        if (!ctx.near(x, y)) continue;
        if (a === b) {
          const n = copyInto(bufA, 0, ra, 0, ra.length);
          bufA[i] = y;
          bufA[k] = x;
          const c = ev.cost(a, bufA, n);
          if (c - base < bestDelta) {
            bestDelta = c - base;
            best = { i, k, ca: c, cb: 0 };
          }
          continue;
        }
        if (data.compatible[a * data.nJobs + y] === 0) continue;
        const na = copyInto(bufA, 0, ra, 0, ra.length);
        bufA[i] = y;
        const ca = ev.cost(a, bufA, na);
        if (ca === Infinity) continue;
        const nb = copyInto(bufB, 0, rb, 0, rb.length);
        bufB[k] = x;
        const cb = ev.cost(b, bufB, nb);
        if (ca + cb - base < bestDelta) {
          bestDelta = ca + cb - base;
          best = { i, k, ca, cb };
        }
      }
    }
    if (!best) return null;
    const { i, k, ca, cb } = best;
    const newA = ra.slice();
    if (a === b) {
      newA[i] = ra[k];
      newA[k] = ra[i];
      return replaceMove(bestDelta, a, newA, ca, a, null, 0);
    }
    const newB = rb.slice();
    newA[i] = rb[k];
    newB[k] = ra[i];
    return replaceMove(bestDelta, a, newA, ca, b, newB, cb);
  },
};
