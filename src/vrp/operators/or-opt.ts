// Or-opt: move a string of 2 or 3 consecutive jobs, possibly reversed, to another place in
// the same route or into another route (VROOM "or-opt", HGS moves 2 and 3).
import type { ProblemData } from "../data.js";
import type { Solution } from "../solution.js";
import { copyInto, EPS_USD, type Move, nearSpot, type Operator, type OperatorContext, replaceMove } from "./operator.js";

const MAX_LEN = 3;

/** Move a string of 2–3 jobs, possibly reversed. */
export const orOpt: Operator = {
  name: "or-opt",
  interRoute: true,
  supports: (data: ProblemData) => data.nJobs >= 3,
  best(ctx: OperatorContext, sol: Solution, a: number, b: number): Move | null {
    const { ev, bufA, bufB, data } = ctx;
    const ra = sol.routes[a];
    const rb = sol.routes[b];
    const base = sol.routeCostUsd[a] + (a === b ? 0 : sol.routeCostUsd[b]);
    let bestDelta = -EPS_USD;
    let best: { i: number; len: number; rev: boolean; p: number; ca: number; cb: number } | null = null;
    for (let len = 2; len <= MAX_LEN; len++) {
      for (let i = sol.lockedCount(a); i + len <= ra.length; i++) {
        if (a !== b && !fits(data, b, ra, i, len)) continue;
        // rest of route a without the string
        let nr = copyInto(bufA, 0, ra, 0, i);
        nr = copyInto(bufA, nr, ra, i + len, ra.length);
        let ca = 0;
        if (a !== b) {
          ca = ev.cost(a, bufA, nr);
          if (ca === Infinity) continue;
        }
        const host = a === b ? bufA : rb;
        const hostLen = a === b ? nr : rb.length;
        const start = a === b ? sol.lockedCount(a) : sol.lockedCount(b);
        for (let p = start; p <= hostLen; p++) {
          if (a === b && p === i) continue;
          const before = p > 0 ? host[p - 1] : -1;
          const after = p < hostLen ? host[p] : -1;
          if (!nearSpot(ctx, ra[i], before, after) && !nearSpot(ctx, ra[i + len - 1], before, after)) continue;
          for (let r = 0; r < 2; r++) {
            let n = copyInto(bufB, 0, host, 0, p);
            for (let q = 0; q < len; q++) bufB[n++] = ra[r === 0 ? i + q : i + len - 1 - q];
            n = copyInto(bufB, n, host, p, hostLen);
            const cb = ev.cost(b, bufB, n);
            const delta = ca + cb - base;
            if (delta < bestDelta) {
              bestDelta = delta;
              best = { i, len, rev: r === 1, p, ca, cb };
            }
          }
        }
      }
    }
    if (!best) return null;
    const { i, len, rev, p, ca, cb } = best;
    const str = ra.slice(i, i + len);
    if (rev) str.reverse();
    const rest = ra.slice(0, i).concat(ra.slice(i + len));
    if (a === b) {
      rest.splice(p, 0, ...str);
      return replaceMove(bestDelta, a, rest, cb, a, null, 0);
    }
    const newB = rb.slice(0, p).concat(str, rb.slice(p));
    return replaceMove(bestDelta, a, rest, ca, b, newB, cb);
  },
};

function fits(data: ProblemData, v: number, r: number[], i: number, len: number): boolean {
  for (let q = i; q < i + len; q++) if (data.compatible[v * data.nJobs + r[q]] === 0) return false;
  return true;
}
