// Prices a candidate route chained from pieces of current routes (prefix, single jobs, job
// ranges, possibly reversed, suffix) from their segment data: O(1) per cached piece. Routes
// that need an unload stop or hold a job with several windows go to the full walk, unless
// their relaxed cost (no unloads, hull windows) already rules them out.
import type { ProblemData } from "./data.js";
import { routeCostUsd } from "./route-cost.js";
import type { RouteEvaluator } from "./route-eval.js";
import type { RouteSegments } from "./route-segments.js";

/** Time and load tolerance, as in the route walk. */
export const TIME_TOL_S = 1e-9;
const TOL = TIME_TOL_S;

const MAX_PIECES = 8;
const PIECE_PREFIX = 0;
const PIECE_JOB = 1;
const PIECE_RANGE = 2;
const PIECE_REVERSED = 3;
const PIECE_SUFFIX = 4;

/**
 * Chains pieces of routes into a candidate route of one vehicle and prices it like
 * RouteEvaluator.cost: USD, 0 for an empty route, Infinity when infeasible. Call start() or
 * prefix() first, then job/range/reversed/suffix, then cost(). Skills are the caller's check.
 */
export class SegmentPricer {
  // the chained segment so far (read by RouteSegments when it caches prefixes)
  /** Earliest and latest start of the chain (s) for the minimum duration `dur` (s, waiting included). */
  e = 0;
  l = 0;
  dur = 0;
  km = 0;
  /** Travel and service time without waiting, s. */
  work = 0;
  /** Jobs in the chain, and how many of them have several windows. */
  count = 0;
  multi = 0;
  /** Location of the last node (-1: open start, nothing yet). */
  last = -1;
  /** True once a window or the shift cannot be met; true once a leg is unreachable. */
  timeBad = false;
  unreachable = false;
  /** Load collected by the chain per dimension (without the vehicle's initial load). */
  readonly load: Float64Array;
  private v = 0;
  private speed = 1;
  private nPieces = 0;
  private readonly pieceKind = new Int32Array(MAX_PIECES);
  private readonly pieceFrom = new Int32Array(MAX_PIECES);
  private readonly pieceTo = new Int32Array(MAX_PIECES);
  private readonly pieceRoute: Array<ReadonlyArray<number>> = new Array<ReadonlyArray<number>>(MAX_PIECES).fill([]);
  private readonly buf: Int32Array;

  constructor(private readonly data: ProblemData, private readonly seg: RouteSegments, private readonly ev: RouteEvaluator) {
    this.load = new Float64Array(data.nDims);
    this.buf = new Int32Array(data.nJobs + 1);
  }

  /** Starts an empty route of vehicle `v` (its start node only). */
  start(v: number): this {
    const d = this.data;
    this.v = v;
    this.speed = d.vSpeedFactor[v];
    this.e = d.vShiftStartS[v];
    this.l = Infinity;
    this.dur = 0;
    this.km = 0;
    this.work = 0;
    this.count = 0;
    this.multi = 0;
    this.last = d.vStart[v];
    this.timeBad = false;
    this.unreachable = false;
    this.load.fill(0);
    this.nPieces = 0;
    return this;
  }

  /** Starts with the first `i` jobs of `route`, the current (synced) route of vehicle `v`. */
  prefix(v: number, route: ReadonlyArray<number>, i: number): this {
    const s = this.seg;
    const d = this.data;
    this.v = v;
    this.speed = d.vSpeedFactor[v];
    const e = s.pE[v][i];
    this.timeBad = e === Infinity;
    this.e = e;
    this.l = s.pL[v][i];
    this.dur = s.pD[v][i];
    this.km = s.pKm[v][i];
    this.work = s.pWork[v][i];
    this.count = i;
    this.multi = s.pMulti[v][i];
    this.last = i > 0 ? d.jobLoc[route[i - 1]] : d.vStart[v];
    this.unreachable = false;
    const nDims = d.nDims;
    for (let q = 0; q < nDims; q++) this.load[q] = s.pLoad[v][i * nDims + q];
    this.nPieces = 0;
    this.piece(PIECE_PREFIX, route, 0, i);
    return this;
  }

  /** Appends job `j`. */
  job(j: number): this {
    this.piece(PIECE_JOB, this.pieceRoute[0], j, j + 1);
    this.append(j);
    return this;
  }

  /** Appends `route[from..to)` in order (O(to - from)). */
  range(route: ReadonlyArray<number>, from: number, to: number): this {
    if (from >= to) return this;
    this.piece(PIECE_RANGE, route, from, to);
    for (let k = from; k < to; k++) this.append(route[k]);
    return this;
  }

  /** Appends `route[from..to)` reversed (O(to - from)). */
  reversed(route: ReadonlyArray<number>, from: number, to: number): this {
    if (from >= to) return this;
    this.piece(PIECE_REVERSED, route, from, to);
    for (let k = to - 1; k >= from; k--) this.append(route[k]);
    return this;
  }

  /** Appends `route[k..)`, the current (synced) route of vehicle `owner`: O(1) when speeds match. */
  suffix(owner: number, route: ReadonlyArray<number>, k: number): this {
    const len = route.length;
    if (k >= len) return this;
    const d = this.data;
    if (d.vSpeedFactor[owner] !== this.speed) return this.range(route, k, len);
    this.piece(PIECE_SUFFIX, route, k, len);
    const s = this.seg;
    const first = d.jobLoc[route[k]];
    this.concat(first, s.sE[owner][k], s.sL[owner][k], s.sD[owner][k], s.sKm[owner][k], s.sWork[owner][k]);
    this.count += len - k;
    this.multi += s.sMulti[owner][k];
    this.last = d.jobLoc[route[len - 1]];
    const nDims = d.nDims;
    const sl = s.sLoad[owner];
    for (let q = 0; q < nDims; q++) this.load[q] += sl[k * nDims + q];
    return this;
  }

  /**
   * Cost in USD of the chained route (as RouteEvaluator.cost would give): exact here when no
   * unload is needed and every job has at most one window, else by the full walk. When the
   * walk is needed but the cost without unloads (a lower bound when travel times and km obey
   * the triangle inequality) is already >= `cutoffUsd`, that bound is returned instead.
   */
  cost(cutoffUsd = Infinity): number {
    const d = this.data;
    const v = this.v;
    if (this.count === 0) return 0;
    if (this.count > d.vMaxTasks[v]) return Infinity;
    const nDims = d.nDims;
    let over = false;
    for (let q = 0; q < nDims; q++) if (d.vInitialLoad[v * nDims + q] + this.load[q] > d.vCapacity[v * nDims + q] + TOL) over = true;
    if (over && !(d.vMaxTrips[v] > 1 && d.vUnloadOffset[v + 1] > d.vUnloadOffset[v])) return Infinity;
    // an unreachable leg may be bridged by an unload stop placed between its ends
    if (this.unreachable) return over ? this.fullCost() : Infinity;
    // close with the end node: window [-inf, shift end], no service
    const end = d.vEnd[v];
    let deltaS = 0;
    let km = this.km;
    if (end >= 0 && this.last >= 0) {
      const leg = this.last * d.nLocations + end;
      deltaS = d.durationS[leg] / this.speed;
      km += d.distanceKm[leg];
    }
    if (!(deltaS < Infinity) || !(km < Infinity)) return this.multi > 0 || over ? this.fullCost() : Infinity;
    // hull windows relax several windows per job, and leaving out unloads relaxes a multi-trip
    // route: infeasible here is infeasible there too
    if (this.timeBad || this.e + this.dur + deltaS > d.vShiftEndS[v] + TOL) return Infinity;
    const durationS = this.dur + deltaS;
    if (durationS > d.vMaxDurationS[v] + TOL || km > d.vMaxDistanceKm[v] + TOL) return Infinity;
    let boundS = durationS;
    if (over) {
      // every unload the load forces adds its unload time to the work (travel + service)
      let unloads = 0;
      for (let q = 0; q < nDims; q++) {
        const cap = d.vCapacity[v * nDims + q];
        const need = cap > 0 ? Math.ceil((d.vInitialLoad[v * nDims + q] + this.load[q]) / cap - TOL) - 1 : 0;
        if (need > unloads) unloads = need;
      }
      if (unloads >= d.vMaxTrips[v]) return Infinity;
      const workS = this.work + deltaS + unloads * d.vUnloadS[v];
      if (workS > boundS) boundS = workS;
    }
    const c = routeCostUsd(d, v, this.count, km, boundS);
    if (this.multi === 0 && !over) return c;
    return c >= cutoffUsd ? c : this.fullCost();
  }

  private fullCost(): number {
    const buf = this.buf;
    let n = 0;
    for (let p = 0; p < this.nPieces; p++) {
      const r = this.pieceRoute[p];
      const from = this.pieceFrom[p];
      const to = this.pieceTo[p];
      switch (this.pieceKind[p]) {
        case PIECE_JOB:
          buf[n++] = from;
          break;
        case PIECE_REVERSED:
          for (let k = to - 1; k >= from; k--) buf[n++] = r[k];
          break;
        default:
          for (let k = from; k < to; k++) buf[n++] = r[k];
      }
    }
    return this.ev.cost(this.v, buf, n);
  }

  private piece(kind: number, route: ReadonlyArray<number>, from: number, to: number): void {
    const p = this.nPieces++;
    if (p >= MAX_PIECES) throw new Error("SegmentPricer: too many pieces in one candidate route");
    this.pieceKind[p] = kind;
    this.pieceRoute[p] = route;
    this.pieceFrom[p] = from;
    this.pieceTo[p] = to;
  }

  /** Appends job `j` without recording it for the full-walk fallback (for building caches). */
  append(j: number): void {
    const d = this.data;
    const s = this.seg;
    const loc = d.jobLoc[j];
    this.concat(loc, s.jobE[j], s.jobL[j], d.jobServiceS[j], 0, d.jobServiceS[j]);
    this.count++;
    this.multi += s.jobMulti[j];
    this.last = loc;
    const nDims = d.nDims;
    for (let q = 0; q < nDims; q++) this.load[q] += d.jobAmount[j * nDims + q];
  }

  /** Appends a segment starting at location `first` with earliest/latest start, min duration, km and working time. */
  private concat(first: number, e2: number, l2: number, d2: number, km2: number, work2: number): void {
    const d = this.data;
    let travelS = 0;
    if (this.last >= 0) {
      const leg = this.last * d.nLocations + first;
      travelS = d.durationS[leg] / this.speed;
      this.km += d.distanceKm[leg];
      if (!(travelS < Infinity) || !(this.km < Infinity)) {
        this.unreachable = true;
        return;
      }
    }
    const delta = this.dur + travelS;
    const e1 = this.e;
    const l1 = this.l;
    const wt = Math.max(e2 - delta - l1, 0);
    if (e1 + delta - l2 > TOL) this.timeBad = true;
    this.dur = delta + d2 + wt;
    this.e = Math.max(e2 - delta, e1) - wt;
    this.l = Math.min(l2 - delta, l1);
    this.km += km2;
    this.work += travelS + work2;
  }
}
