// Route segment data for pricing moves without re-walking routes (Savelsbergh's forward slack
// in Vidal's concatenation form): per route, prefix and suffix aggregates of earliest/latest
// start, minimum duration with waiting, km and load per dimension. A SegmentPricer chains
// pieces (prefix, jobs, job ranges, suffix) in O(1) per cached piece and prices the result.
// Routes that need an unload stop or hold a job with several windows go to the full walk,
// unless their relaxed cost (no unloads, hull windows) already rules them out.
import type { ProblemData } from "./data.js";
import type { RouteEvaluator } from "./route-eval.js";

const TOL = 1e-9;

/** Prefix/suffix aggregates of every route of a solution, refreshed when a route array changes. */
export class RouteSegments {
  /** Route array each vehicle's data was computed for (identity), or null. */
  private readonly ref: Array<ReadonlyArray<number> | null>;
  // per vehicle, index i in 0..len: prefix = start node + jobs[0..i), suffix = jobs[i..len)
  readonly pE: Float64Array[];
  readonly pL: Float64Array[];
  readonly pD: Float64Array[];
  readonly pKm: Float64Array[];
  /** Working time (travel and service, no waiting), seconds. */
  readonly pWork: Float64Array[];
  readonly pLoad: Float64Array[];
  readonly pMulti: Int32Array[];
  readonly sE: Float64Array[];
  readonly sL: Float64Array[];
  readonly sD: Float64Array[];
  readonly sKm: Float64Array[];
  readonly sWork: Float64Array[];
  readonly sLoad: Float64Array[];
  readonly sMulti: Int32Array[];
  /** Hull window of each job (first start, last end) and 1 when it has several windows. */
  readonly jobE: Float64Array;
  readonly jobL: Float64Array;
  readonly jobMulti: Int32Array;
  private readonly pr: SegmentPricer;

  constructor(readonly data: ProblemData, ev: RouteEvaluator) {
    const nV = data.nVehicles;
    this.ref = new Array<ReadonlyArray<number> | null>(nV).fill(null);
    const f = (): Float64Array[] => Array.from({ length: nV }, () => new Float64Array(0));
    const i32 = (): Int32Array[] => Array.from({ length: nV }, () => new Int32Array(0));
    this.pE = f(); this.pL = f(); this.pD = f(); this.pKm = f(); this.pWork = f(); this.pLoad = f(); this.pMulti = i32();
    this.sE = f(); this.sL = f(); this.sD = f(); this.sKm = f(); this.sWork = f(); this.sLoad = f(); this.sMulti = i32();
    const n = data.nJobs;
    this.jobE = new Float64Array(n);
    this.jobL = new Float64Array(n);
    this.jobMulti = new Int32Array(n);
    for (let j = 0; j < n; j++) {
      const w0 = data.twOffset[j];
      const w1 = data.twOffset[j + 1];
      let end = -Infinity;
      for (let w = w0; w < w1; w++) if (data.twEndS[w] > end) end = data.twEndS[w];
      this.jobE[j] = data.twStartS[w0];
      this.jobL[j] = end;
      this.jobMulti[j] = w1 - w0 > 1 ? 1 : 0;
    }
    this.pr = new SegmentPricer(data, this, ev);
  }

  /** Makes the data of vehicle `v` match `route` (recomputed only when the array changed). */
  sync(v: number, route: ReadonlyArray<number>): void {
    if (this.ref[v] === route) return;
    this.ref[v] = route;
    const len = route.length;
    const nDims = this.data.nDims;
    if (this.pE[v].length < len + 1) {
      const cap = Math.max(len + 1, 2 * this.pE[v].length);
      for (const arr of [this.pE, this.pL, this.pD, this.pKm, this.pWork, this.sE, this.sL, this.sD, this.sKm, this.sWork]) arr[v] = new Float64Array(cap);
      this.pLoad[v] = new Float64Array(cap * nDims);
      this.sLoad[v] = new Float64Array(cap * nDims);
      this.pMulti[v] = new Int32Array(cap);
      this.sMulti[v] = new Int32Array(cap);
    }
    const pr = this.pr;
    pr.start(v);
    this.storePrefix(v, 0);
    for (let i = 0; i < len; i++) {
      pr.append(route[i]);
      this.storePrefix(v, i + 1);
    }
    // suffixes, built backwards: job k followed by suffix k+1
    const d = this.data;
    const speed = d.vSpeedFactor[v];
    const sE = this.sE[v], sL = this.sL[v], sD = this.sD[v], sKm = this.sKm[v], sLoad = this.sLoad[v], sMulti = this.sMulti[v];
    const sWork = this.sWork[v];
    sE[len] = -Infinity; sL[len] = Infinity; sD[len] = 0; sKm[len] = 0; sMulti[len] = 0; sWork[len] = 0;
    for (let q = 0; q < nDims; q++) sLoad[len * nDims + q] = 0;
    for (let k = len - 1; k >= 0; k--) {
      const j = route[k];
      const e1 = this.jobE[j], l1 = this.jobL[j], d1 = d.jobServiceS[j];
      for (let q = 0; q < nDims; q++) sLoad[k * nDims + q] = sLoad[(k + 1) * nDims + q] + d.jobAmount[j * nDims + q];
      sMulti[k] = sMulti[k + 1] + this.jobMulti[j];
      if (k === len - 1) {
        sE[k] = e1; sL[k] = l1; sD[k] = d1; sKm[k] = 0; sWork[k] = d1;
        continue;
      }
      const leg = d.jobLoc[j] * d.nLocations + d.jobLoc[route[k + 1]];
      const delta = d1 + d.durationS[leg] / speed;
      const e2 = sE[k + 1], l2 = sL[k + 1];
      const wt = Math.max(e2 - delta - l1, 0);
      // a time-infeasible suffix keeps L below E, so any chain through it fails the window test
      const tw = e1 + delta - l2;
      sD[k] = delta + sD[k + 1] + wt;
      sE[k] = Math.max(e2 - delta, e1) - wt;
      sL[k] = tw > TOL ? -Infinity : Math.min(l2 - delta, l1);
      sKm[k] = d.distanceKm[leg] + sKm[k + 1];
      sWork[k] = delta + sWork[k + 1];
    }
  }

  private storePrefix(v: number, i: number): void {
    const pr = this.pr;
    const nDims = this.data.nDims;
    this.pE[v][i] = pr.timeBad ? Infinity : pr.e;
    this.pL[v][i] = pr.l;
    this.pD[v][i] = pr.dur;
    this.pKm[v][i] = pr.km;
    this.pWork[v][i] = pr.work;
    this.pMulti[v][i] = pr.multi;
    for (let q = 0; q < nDims; q++) this.pLoad[v][i * nDims + q] = pr.load[q];
  }

  /** The pricer sharing this store (one per search; not re-entrant). */
  pricer(): SegmentPricer {
    return this.pr;
  }
}

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
  e = 0;
  l = 0;
  dur = 0;
  km = 0;
  work = 0;
  count = 0;
  multi = 0;
  last = -1;
  timeBad = false;
  unreachable = false;
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
    if (this.count > d.vMaxTasks[v] || this.unreachable) return Infinity;
    const nDims = d.nDims;
    let over = false;
    for (let q = 0; q < nDims; q++) if (d.vInitialLoad[v * nDims + q] + this.load[q] > d.vCapacity[v * nDims + q] + TOL) over = true;
    if (over && !(d.vMaxTrips[v] > 1 && d.vUnloadOffset[v + 1] > d.vUnloadOffset[v])) return Infinity;
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
    const c = d.vFixedUsd[v] + d.vUsdPerKm[v] * km + (d.vUsdPerHour[v] * boundS) / 3600;
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
