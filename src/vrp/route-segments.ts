// Route segment data for pricing moves without re-walking routes (Savelsbergh's forward slack
// in Vidal's concatenation form): per route, prefix and suffix aggregates of earliest/latest
// start, minimum duration with waiting, working time, km and load per dimension, refreshed
// when a route changes. SegmentPricer (segment-pricer.ts) chains and prices them.
import type { ProblemData } from "./data.js";
import type { RouteEvaluator } from "./route-eval.js";
import { SegmentPricer, TIME_TOL_S } from "./segment-pricer.js";

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
      sL[k] = tw > TIME_TOL_S ? -Infinity : Math.min(l2 - delta, l1);
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
