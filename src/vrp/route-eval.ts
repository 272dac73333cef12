// Feasibility and cost of one vehicle's route, given its job sequence. Unload stops are
// placed here (where the load forces one, or at an earlier gap with a shorter detour), so
// operators move jobs only. The departure is delayed as far as the time windows allow, to cut
// waiting from the duration. Longer than most files: the walk and its unload placement are one.
import type { ProblemData } from "./data.js";
import { routeCostUsd } from "./route-cost.js";

/** Why a route is infeasible: 0 = feasible. */
export const Failure = {
  none: 0,
  capacity: 1,
  timeWindow: 2,
  shift: 3,
  maxDistance: 4,
  maxDuration: 5,
  unreachable: 6,
  maxTasks: 7,
  skills: 8,
} as const;
/** One of the values of {@link Failure}. */
export type FailureCode = (typeof Failure)[keyof typeof Failure];

/** Receives each step of a walked route (used to build the reported schedule). */
export interface StepSink {
  step(kind: "start" | "job" | "unload" | "end", ref: number, location: number, arrivalS: number, waitingS: number,
    serviceS: number, departureS: number, load: Float64Array, distanceKm: number): void;
}

/** How unload stops are placed while walking a route. */
type UnloadMode = "latest" | "detour" | "follow";

/** Evaluates routes; one instance per search (holds scratch buffers, not thread-safe). */
export class RouteEvaluator {
  /** Why the last call returned Infinity. */
  failure: FailureCode = Failure.none;
  /** Figures of the last feasible route evaluated. */
  distanceKm = 0;
  durationS = 0;
  /** Time the route starts (departure from start, or service start at the first job when open). */
  startS = 0;
  private readonly load: Float64Array;
  private readonly acc: Float64Array;
  private maxDelayS = 0;
  private unloads = 0;
  /** Unload location before the job at each position (-1: none), as chosen by the last walk. */
  private readonly plan: Int32Array;
  // state before the job at each position, to move an unload back to an earlier gap
  private readonly snapT: Float64Array;
  private readonly snapKm: Float64Array;
  private readonly snapWait: Float64Array;
  private readonly snapDelay: Float64Array;
  private readonly snapPrev: Int32Array;
  private readonly snapTrips: Int32Array;
  private readonly snapLoad: Float64Array;

  constructor(private readonly data: ProblemData) {
    this.load = new Float64Array(data.nDims);
    this.acc = new Float64Array(data.nDims);
    const n = data.nJobs + 1;
    this.plan = new Int32Array(n);
    this.snapT = new Float64Array(n);
    this.snapKm = new Float64Array(n);
    this.snapWait = new Float64Array(n);
    this.snapDelay = new Float64Array(n);
    this.snapPrev = new Int32Array(n);
    this.snapTrips = new Int32Array(n);
    this.snapLoad = new Float64Array(n * data.nDims);
  }

  /**
   * Cost in USD of vehicle `v` serving `seq[0..len)` in this order; 0 for an empty route;
   * Infinity when infeasible (then `failure` says why). Unloads go where the load forces them,
   * or earlier where the detour to the unload site is shorter; the cheaper plan is kept.
   */
  cost(v: number, seq: ArrayLike<number>, len: number): number {
    if (len === 0) {
      this.distanceKm = 0;
      this.durationS = 0;
      this.failure = Failure.none;
      return 0;
    }
    const first = this.priced(v, seq, len, "latest");
    if (this.unloads === 0 || this.data.vUnloadOffset[v + 1] - this.data.vUnloadOffset[v] === 0) return first;
    const failure = this.failure;
    const second = this.priced(v, seq, len, "detour");
    if (second <= first) return second;
    if (first === Infinity) {
      this.failure = failure;
      return Infinity;
    }
    return this.priced(v, seq, len, "latest");
  }

  /** Walks a feasible route again with its chosen departure and unloads, reporting each step to `sink`. */
  report(v: number, seq: ArrayLike<number>, len: number, sink: StepSink): number {
    const c = this.cost(v, seq, len);
    if (c === Infinity || len === 0) return c;
    // keep a hair of slack so float rounding cannot push a step past its window
    const start = Math.max(this.data.vShiftStartS[v], this.startS - 1e-7);
    this.walk(v, seq, len, start, sink, "follow");
    return c;
  }

  private priced(v: number, seq: ArrayLike<number>, len: number, mode: UnloadMode): number {
    const d = this.data;
    const endS = this.walk(v, seq, len, d.vShiftStartS[v], null, mode);
    if (endS === Infinity) return Infinity;
    const delay = this.maxDelayS;
    const durationS = endS - this.startS - delay;
    if (durationS > d.vMaxDurationS[v] + 1e-9) return this.fail(Failure.maxDuration);
    this.startS += delay;
    this.durationS = durationS;
    return routeCostUsd(d, v, len, this.distanceKm, durationS);
  }

  private fail(code: FailureCode): number {
    this.failure = code;
    return Infinity;
  }

  /** Forward pass from `t0`; returns the end time (or Infinity) and sets distance, startS, maxDelayS, unloads. */
  private walk(v: number, seq: ArrayLike<number>, len: number, t0: number, sink: StepSink | null, mode: UnloadMode): number {
    const d = this.data;
    const nDims = d.nDims;
    const nLoc = d.nLocations;
    const dur = d.durationS;
    const dist = d.distanceKm;
    const speed = d.vSpeedFactor[v];
    const load = this.load;
    const plan = this.plan;
    for (let q = 0; q < nDims; q++) load[q] = d.vInitialLoad[v * nDims + q];
    if (len > d.vMaxTasks[v]) return this.fail(Failure.maxTasks);
    if (mode !== "follow") plan.fill(-1, 0, len);
    let prev = d.vStart[v];
    let t = t0;
    let km = 0;
    let trips = 1;
    let waitSum = 0;
    let maxDelay = Infinity;
    let firstGap = 0;
    this.startS = t0;
    this.unloads = 0;
    if (prev >= 0 && sink) sink.step("start", -1, prev, t, 0, 0, t, load, 0);
    const capBase = v * nDims;
    const nJobs = d.nJobs;
    for (let k = 0; k < len; k++) {
      this.snapT[k] = t;
      this.snapKm[k] = km;
      this.snapWait[k] = waitSum;
      this.snapDelay[k] = maxDelay;
      this.snapPrev[k] = prev;
      this.snapTrips[k] = trips;
      for (let q = 0; q < nDims; q++) this.snapLoad[k * nDims + q] = load[q];
      const j = seq[k];
      if (d.compatible[v * nJobs + j] === 0) return this.fail(Failure.skills);
      const loc = d.jobLoc[j];
      const aBase = j * nDims;
      if (plan[k] >= 0) {
        if (trips >= d.vMaxTrips[v] || prev < 0) return this.fail(Failure.capacity);
        const u = plan[k];
        const leg = prev * nLoc + u;
        t += dur[leg] / speed;
        km += dist[leg];
        if (t === Infinity || km === Infinity) return this.fail(Failure.unreachable);
        load.fill(0);
        const arrival = t;
        t += d.vUnloadS[v];
        if (sink) sink.step("unload", -1, u, arrival, 0, d.vUnloadS[v], t, load, km);
        trips++;
        this.unloads++;
        prev = u;
      }
      let fits = true;
      for (let q = 0; q < nDims; q++) {
        if (load[q] + d.jobAmount[aBase + q] > d.vCapacity[capBase + q] + 1e-9) {
          fits = false;
          break;
        }
      }
      if (!fits) {
        if (mode === "follow" || plan[k] >= 0 || trips >= d.vMaxTrips[v]) return this.fail(Failure.capacity);
        const g = mode === "latest" ? this.placeAt(v, k, prev, loc) : this.bestGap(v, seq, k, firstGap);
        if (g < 0) return this.fail(Failure.capacity);
        // restore the state before position g and walk on from there with the unload in place
        firstGap = g + 1;
        t = this.snapT[g];
        km = this.snapKm[g];
        waitSum = this.snapWait[g];
        maxDelay = this.snapDelay[g];
        prev = this.snapPrev[g];
        trips = this.snapTrips[g];
        for (let q = 0; q < nDims; q++) load[q] = this.snapLoad[g * nDims + q];
        k = g - 1;
        continue;
      }
      let arrival = t;
      if (prev >= 0) {
        const leg = prev * nLoc + loc;
        arrival = t + dur[leg] / speed;
        km += dist[leg];
        if (arrival === Infinity || km === Infinity) return this.fail(Failure.unreachable);
      }
      let w = d.twOffset[j];
      const wEnd = d.twOffset[j + 1];
      while (w < wEnd && d.twEndS[w] < arrival - 1e-9) w++;
      if (w === wEnd) return this.fail(Failure.timeWindow);
      const begin = arrival > d.twStartS[w] ? arrival : d.twStartS[w];
      if (prev < 0) {
        // open start: the route begins with service at its first job, without waiting
        arrival = begin;
        this.startS = begin;
      }
      const waiting = begin - arrival;
      waitSum += waiting;
      const room = waitSum + d.twEndS[w] - begin;
      if (room < maxDelay) maxDelay = room;
      for (let q = 0; q < nDims; q++) load[q] += d.jobAmount[aBase + q];
      t = begin + d.jobServiceS[j];
      if (sink) sink.step("job", j, loc, arrival, waiting, d.jobServiceS[j], t, load, km);
      prev = loc;
    }
    const end = d.vEnd[v];
    if (end >= 0) {
      const leg = prev * nLoc + end;
      t += dur[leg] / speed;
      km += dist[leg];
      if (t === Infinity || km === Infinity) return this.fail(Failure.unreachable);
      if (sink) sink.step("end", -1, end, t, 0, 0, t, load, km);
    }
    if (t > d.vShiftEndS[v] + 1e-9) return this.fail(Failure.shift);
    if (km > d.vMaxDistanceKm[v] + 1e-9) return this.fail(Failure.maxDistance);
    this.distanceKm = km;
    this.maxDelayS = Math.max(0, Math.min(waitSum, maxDelay));
    this.failure = Failure.none;
    return t;
  }

  /** Unload right before position k (the job that does not fit): sets the plan, returns k or -1. */
  private placeAt(v: number, k: number, prev: number, next: number): number {
    if (prev < 0) return -1;
    const u = this.nearestUnload(v, prev, next);
    if (u < 0) return -1;
    this.plan[k] = u;
    return k;
  }

  /**
   * The gap in [firstGap, k] where an unload costs the shortest detour, among those after
   * which the jobs up to k fit in an empty vehicle; sets the plan and returns the gap, or -1.
   */
  private bestGap(v: number, seq: ArrayLike<number>, k: number, firstGap: number): number {
    const d = this.data;
    const nDims = d.nDims;
    const m = d.nLocations;
    const acc = this.acc.fill(0);
    let best = -1;
    let bestU = -1;
    let bestKm = Infinity;
    for (let g = k; g >= firstGap; g--) {
      let ok = true;
      for (let q = 0; q < nDims; q++) {
        acc[q] += d.jobAmount[seq[g] * nDims + q];
        if (acc[q] > d.vCapacity[v * nDims + q] + 1e-9) ok = false;
      }
      if (!ok) break;
      const prev = this.snapPrev[g];
      if (prev < 0) continue;
      let carried = false;
      for (let q = 0; q < nDims; q++) if (this.snapLoad[g * nDims + q] > 0) carried = true;
      if (!carried) continue;
      const next = d.jobLoc[seq[g]];
      for (let o = d.vUnloadOffset[v]; o < d.vUnloadOffset[v + 1]; o++) {
        const u = d.vUnloadLoc[o];
        const detour = d.distanceKm[prev * m + u] + d.distanceKm[u * m + next] - d.distanceKm[prev * m + next];
        if (detour < bestKm - 1e-9) {
          bestKm = detour;
          best = g;
          bestU = u;
        }
      }
    }
    if (best >= 0) this.plan[best] = bestU;
    return best;
  }

  private nearestUnload(v: number, prev: number, next: number): number {
    const d = this.data;
    let best = -1;
    let bestKm = Infinity;
    for (let k = d.vUnloadOffset[v]; k < d.vUnloadOffset[v + 1]; k++) {
      const u = d.vUnloadLoc[k];
      const km = d.distanceKm[prev * d.nLocations + u] + d.distanceKm[u * d.nLocations + next];
      if (km < bestKm || best < 0) {
        bestKm = km;
        best = u;
      }
    }
    return best;
  }
}
