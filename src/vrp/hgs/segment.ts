// Route segments for O(1) move evaluation (Vidal et al. 2013, "time-warp" concatenation; as
// PyVRP composes DistanceSegment, LoadSegment and DurationSegment): distance, load in every
// dimension, duration with waiting, time warp, earliest and latest start, customer count and
// the skill groups that may serve all of it. A route's cost and penalties come from its
// whole segment and its vehicle.
import type { HgsData } from "./hgs-data.js";

/** A sequence of visits summarised; mutable scratch object. */
export class Segment {
  first = 0;
  last = 0;
  dist = 0;
  /** Load in dimension 0; dimensions 1.. in `more`. */
  load = 0;
  readonly more: Float64Array;
  /** Duration including service and waiting. */
  dur = 0;
  /** Time warp: how much the schedule must travel back in time to meet the windows. */
  tw = 0;
  /** Earliest and latest start of the segment that achieve `dur` and `tw`. */
  e = 0;
  l = 0;
  /** Customers in the segment. */
  count = 0;
  /** Skill groups able to serve every customer of the segment (bits). */
  mask = -1;

  constructor(nDims = 1) {
    this.more = new Float64Array(Math.max(0, nDims - 1));
  }

  copyFrom(s: Segment): this {
    this.first = s.first;
    this.last = s.last;
    this.dist = s.dist;
    this.load = s.load;
    this.more.set(s.more);
    this.dur = s.dur;
    this.tw = s.tw;
    this.e = s.e;
    this.l = s.l;
    this.count = s.count;
    this.mask = s.mask;
    return this;
  }
}

/** out = a ⊕ b (out may alias a, not b). */
export function concat(data: HgsData, a: Segment, b: Segment, out: Segment): Segment {
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
  const more = out.more;
  for (let q = 0; q < more.length; q++) more[q] = a.more[q] + b.more[q];
  out.first = a.first;
  out.last = b.last;
  out.dist = dist;
  out.load = load;
  out.count = a.count + b.count;
  out.mask = a.mask & b.mask;
  return out;
}

/** Sets `out` to the single visit of customer c. */
export function visitCustomer(data: HgsData, c: number, out: Segment): Segment {
  out.first = out.last = data.loc[c];
  out.load = data.demand[c];
  const more = out.more;
  const base = c * data.nDims + 1;
  for (let q = 0; q < more.length; q++) more[q] = data.amounts[base + q];
  out.dur = data.serviceS[c];
  out.e = data.readyS[c];
  out.l = data.dueS[c];
  out.dist = 0;
  out.tw = 0;
  out.count = 1;
  out.mask = data.jobMask[c];
  return out;
}

/** Sets `out` to the start (`end` false) or end depot visit of vehicle v: its shift, its load on board. */
export function visitDepot(data: HgsData, v: number, end: boolean, out: Segment): Segment {
  out.first = out.last = end ? data.vEnd[v] : data.vStart[v];
  const base = v * data.nDims;
  out.load = end ? 0 : data.vInitialLoad[base];
  const more = out.more;
  for (let q = 0; q < more.length; q++) more[q] = end ? 0 : data.vInitialLoad[base + 1 + q];
  out.dur = 0;
  out.e = data.vReadyS[v];
  out.l = data.vDueS[v];
  out.dist = 0;
  out.tw = 0;
  out.count = 0;
  out.mask = -1;
  return out;
}

/** Cost (in the data's cost unit) of vehicle v driving the whole route segment `s`, without penalties. */
export function routeObjective(data: HgsData, s: Segment, v: number): number {
  if (data.giantTour) return s.dist;
  if (s.count === 0) return 0;
  const paid = s.dur > data.vMinPaidS[v] ? s.dur : data.vMinPaidS[v];
  return data.vFixed[v] + data.vPerKm[v] * s.dist + data.vPerS[v] * paid + data.vPerStop[v] * s.count;
}

/** Penalty for an incompatible customer on a route (skills are never traded against cost). */
const INCOMPATIBLE = 1e9;

/** Load-type excess of vehicle v on `s`: capacity (weighted dimensions), tasks beyond the limit, skills. */
export function loadExcess(data: HgsData, s: Segment, v: number): number {
  const nDims = data.nDims;
  const base = v * nDims;
  let x = s.load > data.vCapacity[base] ? s.load - data.vCapacity[base] : 0;
  for (let q = 1; q < nDims; q++) {
    const over = s.more[q - 1] - data.vCapacity[base + q];
    if (over > 0) x += over * data.loadWeight[q];
  }
  if (data.giantTour) return x;
  if (s.count > data.vMaxTasks[v]) x += (s.count - data.vMaxTasks[v]) * data.vCapacity[base];
  if (((s.mask >> data.vGroup[v]) & 1) === 0 && s.count > 0) x += INCOMPATIBLE;
  return x;
}

/** Time-type excess of vehicle v on `s`: time warp, duration beyond the limit, km beyond the limit (100 s per km). */
export function timeExcess(data: HgsData, s: Segment, v: number): number {
  if (data.giantTour) return s.tw;
  let x = s.tw;
  if (s.dur > data.vMaxDurationS[v]) x += s.dur - data.vMaxDurationS[v];
  if (s.dist > data.vMaxDistanceKm[v]) x += 100 * (s.dist - data.vMaxDistanceKm[v]);
  return x;
}

/** Penalised cost of vehicle v driving the whole route segment `s` (depot to depot). */
export function penalisedCost(data: HgsData, s: Segment, v: number, capPenalty: number, twPenalty: number): number {
  if (data.giantTour) {
    const excess = s.load - data.capacity;
    return s.dist + (excess > 0 ? capPenalty * excess : 0) + twPenalty * s.tw;
  }
  if (s.count === 0) return 0;
  return routeObjective(data, s, v) + capPenalty * loadExcess(data, s, v) + twPenalty * timeExcess(data, s, v);
}
