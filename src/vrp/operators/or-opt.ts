// Or-opt: move a string of 2 or 3 consecutive jobs, possibly reversed, to another place in
// the same route or into another route (VROOM "or-opt", HGS moves 2 and 3). Priced from
// segment data.
import type { ProblemData } from "../data.js";
import type { SegmentPricer } from "../segment-pricer.js";
import type { Solution } from "../solution.js";
import { EPS_USD, type Move, nearSpot, type Operator, type OperatorContext, replaceMove } from "./operator.js";

const MAX_LEN = 3;

/** Move a string of 2–3 jobs, possibly reversed. */
export const orOpt: Operator = {
  name: "or-opt",
  interRoute: true,
  supports: (data: ProblemData) => data.nJobs >= 3,
  best(ctx: OperatorContext, sol: Solution, a: number, b: number): Move | null {
    const { pr, seg, data } = ctx;
    const ra = sol.routes[a];
    const rb = sol.routes[b];
    seg.sync(a, ra);
    seg.sync(b, rb);
    const base = sol.routeCostUsd[a] + (a === b ? 0 : sol.routeCostUsd[b]);
    let bestDelta = -EPS_USD;
    let bI = -1;
    let bLen = 0;
    let bRev = false;
    let bP = -1;
    const string = (p: SegmentPricer, i: number, len: number, rev: boolean): SegmentPricer =>
      rev ? p.reversed(ra, i, i + len) : p.range(ra, i, i + len);
    for (let len = 2; len <= MAX_LEN; len++) {
      for (let i = sol.lockedCount(a); i + len <= ra.length; i++) {
        if (a !== b && !fits(data, b, ra, i, len)) continue;
        let ca = 0;
        if (a !== b) {
          ca = pr.prefix(a, ra, i).suffix(a, ra, i + len).cost(base + bestDelta);
          if (ca === Infinity) continue;
        }
        // host: route b, or route a without the string (position q of it is ra[q < i ? q : q + len])
        const hostLen = a === b ? ra.length - len : rb.length;
        const at = (q: number): number => (a === b ? ra[q < i ? q : q + len] : rb[q]);
        const start = a === b ? sol.lockedCount(a) : sol.lockedCount(b);
        for (let p = start; p <= hostLen; p++) {
          if (a === b && p === i) continue;
          const before = p > 0 ? at(p - 1) : -1;
          const after = p < hostLen ? at(p) : -1;
          if (!nearSpot(ctx, ra[i], before, after) && !nearSpot(ctx, ra[i + len - 1], before, after)) continue;
          for (let r = 0; r < 2; r++) {
            const rev = r === 1;
            let c: number;
            const cut = base + bestDelta - ca;
            if (a !== b) c = string(pr.prefix(b, rb, p), i, len, rev).suffix(b, rb, p).cost(cut);
            else if (p < i) c = string(pr.prefix(a, ra, p), i, len, rev).range(ra, p, i).suffix(a, ra, i + len).cost(cut);
            else c = string(pr.prefix(a, ra, i).range(ra, i + len, p + len), i, len, rev).suffix(a, ra, p + len).cost(cut);
            const delta = ca + c - base;
            if (delta < bestDelta) {
              bestDelta = delta;
              bI = i;
              bLen = len;
              bRev = rev;
              bP = p;
            }
          }
        }
      }
    }
    if (bI < 0) return null;
    const str = ra.slice(bI, bI + bLen);
    if (bRev) str.reverse();
    const rest = ra.slice(0, bI).concat(ra.slice(bI + bLen));
    if (a === b) {
      rest.splice(bP, 0, ...str);
      return replaceMove(ctx.ev, bestDelta, a, rest, a, null);
    }
    const newB = rb.slice(0, bP).concat(str, rb.slice(bP));
    return replaceMove(ctx.ev, bestDelta, a, rest, b, newB);
  },
};

function fits(data: ProblemData, v: number, r: number[], i: number, len: number): boolean {
  for (let q = i; q < i + len; q++) if (data.compatible[v * data.nJobs + r[q]] === 0) return false;
  return true;
}
