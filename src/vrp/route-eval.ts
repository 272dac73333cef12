// Feasibility and cost of one vehicle's route, given its job sequence. Unload stops are
// placed here (greedily, when the next pickup would overflow), so operators move jobs only.
// The departure is delayed as far as the time windows allow, to cut waiting from the duration.
import type { ProblemData } from "./data.js";

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
export type FailureCode = (typeof Failure)[keyof typeof Failure];

/** Receives each step of a walked route (used to build the reported schedule). */
export interface StepSink {
  step(kind: "start" | "job" | "unload" | "end", ref: number, location: number, arrivalS: number, waitingS: number,
    serviceS: number, departureS: number, load: Float64Array, distanceKm: number): void;
}

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
  private maxDelayS = 0;

  constructor(private readonly data: ProblemData) {
    this.load = new Float64Array(data.nDims);
  }

  /**
   * Cost in USD of vehicle `v` serving `seq[0..len)` in this order; 0 for an empty route;
   * Infinity when infeasible (then `failure` says why).
   */
  cost(v: number, seq: ArrayLike<number>, len: number): number {
    if (len === 0) {
      this.distanceKm = 0;
      this.durationS = 0;
      this.failure = Failure.none;
      return 0;
    }
    const d = this.data;
    const endS = this.walk(v, seq, len, d.vShiftStartS[v], null);
    if (endS === Infinity) return Infinity;
    const delay = this.maxDelayS;
    const durationS = endS - this.startS - delay;
    if (durationS > d.vMaxDurationS[v] + 1e-9) return this.fail(Failure.maxDuration);
    this.startS += delay;
    this.durationS = durationS;
    return d.vFixedUsd[v] + d.vUsdPerKm[v] * this.distanceKm + (d.vUsdPerHour[v] * durationS) / 3600;
  }

  /** Walks a feasible route again with its chosen departure, reporting each step to `sink`. */
  report(v: number, seq: ArrayLike<number>, len: number, sink: StepSink): number {
    const c = this.cost(v, seq, len);
    if (c === Infinity || len === 0) return c;
    // keep a hair of slack so float rounding cannot push a step past its window
    const start = Math.max(this.data.vShiftStartS[v], this.startS - 1e-7);
    this.walk(v, seq, len, start, sink);
    return c;
  }

  private fail(code: FailureCode): number {
    this.failure = code;
    return Infinity;
  }

  /** Forward pass from `t0`; returns the end time (or Infinity) and sets distance, startS, maxDelayS. */
  private walk(v: number, seq: ArrayLike<number>, len: number, t0: number, sink: StepSink | null): number {
    const d = this.data;
    const nDims = d.nDims;
    const nLoc = d.nLocations;
    const dur = d.durationS;
    const dist = d.distanceKm;
    const speed = d.vSpeedFactor[v];
    const load = this.load;
    load.fill(0);
    if (len > d.vMaxTasks[v]) return this.fail(Failure.maxTasks);
    let prev = d.vStart[v];
    let t = t0;
    let km = 0;
    let trips = 1;
    let waitSum = 0;
    let maxDelay = Infinity;
    this.startS = t0;
    if (prev >= 0 && sink) sink.step("start", -1, prev, t, 0, 0, t, load, 0);
    const capBase = v * nDims;
    const nJobs = d.nJobs;
    for (let k = 0; k < len; k++) {
      const j = seq[k];
      if (d.compatible[v * nJobs + j] === 0) return this.fail(Failure.skills);
      const loc = d.jobLoc[j];
      const aBase = j * nDims;
      let fits = true;
      for (let q = 0; q < nDims; q++) {
        if (load[q] + d.jobAmount[aBase + q] > d.vCapacity[capBase + q] + 1e-9) {
          fits = false;
          break;
        }
      }
      if (!fits) {
        const u = this.bestUnload(v, prev, loc);
        if (u < 0 || trips >= d.vMaxTrips[v] || prev < 0) return this.fail(Failure.capacity);
        const leg = prev * nLoc + u;
        t += dur[leg] / speed;
        km += dist[leg];
        if (t === Infinity) return this.fail(Failure.unreachable);
        load.fill(0);
        const arrival = t;
        t += d.vUnloadS[v];
        if (sink) sink.step("unload", -1, u, arrival, 0, d.vUnloadS[v], t, load, km);
        trips++;
        prev = u;
        for (let q = 0; q < nDims; q++) {
          if (d.jobAmount[aBase + q] > d.vCapacity[capBase + q] + 1e-9) return this.fail(Failure.capacity);
        }
      }
      let arrival = t;
      if (prev >= 0) {
        const leg = prev * nLoc + loc;
        arrival = t + dur[leg] / speed;
        km += dist[leg];
        if (arrival === Infinity) return this.fail(Failure.unreachable);
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
      if (t === Infinity) return this.fail(Failure.unreachable);
      if (sink) sink.step("end", -1, end, t, 0, 0, t, load, km);
    }
    if (t > d.vShiftEndS[v] + 1e-9) return this.fail(Failure.shift);
    if (km > d.vMaxDistanceKm[v] + 1e-9) return this.fail(Failure.maxDistance);
    this.distanceKm = km;
    this.maxDelayS = Math.max(0, Math.min(waitSum, maxDelay));
    this.failure = Failure.none;
    return t;
  }

  private bestUnload(v: number, prev: number, next: number): number {
    const d = this.data;
    if (prev < 0) return -1;
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
