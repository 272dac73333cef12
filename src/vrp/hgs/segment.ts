// Route segments for O(1) move evaluation (Vidal et al. 2013, "time-warp" concatenation):
// distance, load, and for time windows the duration, time warp, earliest and latest start.
import type { ClassicData } from "./classic-data.js";

/** A sequence of visits summarised; mutable scratch object. */
export class Segment {
  first = 0;
  last = 0;
  dist = 0;
  load = 0;
  /** Duration including service and waiting. */
  dur = 0;
  /** Time warp: how much the schedule must travel back in time to meet the windows. */
  tw = 0;
  /** Earliest and latest start of the segment that achieve `dur` and `tw`. */
  e = 0;
  l = 0;

  copyFrom(s: Segment): this {
    this.first = s.first;
    this.last = s.last;
    this.dist = s.dist;
    this.load = s.load;
    this.dur = s.dur;
    this.tw = s.tw;
    this.e = s.e;
    this.l = s.l;
    return this;
  }
}

/** out = a ⊕ b (out may alias a, not b). */
export function concat(data: ClassicData, a: Segment, b: Segment, out: Segment): Segment {
  const leg = a.last * data.nLoc + b.first;
  const t = data.time[leg];
  const dist = a.dist + data.dist[leg] + b.dist;
  const load = a.load + b.load;
  if (data.hasTimeWindows) {
    const delta = a.dur - a.tw + t;
    const wait = Math.max(b.e - delta - a.l, 0);
    const warp = Math.max(a.e + delta - b.l, 0);
    const dur = a.dur + b.dur + t + wait;
    const tw = a.tw + b.tw + warp;
    const e = Math.max(b.e - delta, a.e) - wait;
    const l = Math.min(b.l - delta, a.l) + warp;
    out.dur = dur;
    out.tw = tw;
    out.e = e;
    out.l = l;
  }
  out.first = a.first;
  out.last = b.last;
  out.dist = dist;
  out.load = load;
  return out;
}

/** Sets `out` to the single visit of customer c (c < n) or of the depot (c >= n). */
export function visit(data: ClassicData, c: number, out: Segment): Segment {
  if (c < data.n) {
    out.first = out.last = data.loc[c];
    out.load = data.demand[c];
    out.dur = data.serviceS[c];
    out.e = data.readyS[c];
    out.l = data.dueS[c];
  } else {
    out.first = out.last = data.depot;
    out.load = 0;
    out.dur = 0;
    out.e = data.depotReadyS;
    out.l = data.depotDueS;
  }
  out.dist = 0;
  out.tw = 0;
  return out;
}

/** Penalised cost of a whole route segment (depot to depot). */
export function penalisedCost(data: ClassicData, s: Segment, capPenalty: number, twPenalty: number): number {
  const excess = s.load - data.capacity;
  return s.dist + (excess > 0 ? capPenalty * excess : 0) + twPenalty * s.tw;
}
