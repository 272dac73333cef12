// Why a job is left out, priced by the genetic search's own segments (so breaks, setup times,
// tags, speed profiles and several windows count): no vehicle with its skills (or of its
// carrier); else the limit broken most often when it is tried alone on each compatible vehicle
// (a leg to or from it that cannot be driven counts as "unreachable"); else the one broken most
// often at each position of the routes found; else not worth serving.
import type { Unassigned, UnassignedReason } from "../../domain/index.js";
import type { ProblemData } from "../data.js";
import { type HgsData, viewFor, visitJob } from "./hgs-data.js";
import { capacityExcess, concat, mixesTags, newSegment, type Segment, visitCustomer, visitDepot } from "./segment.js";

const WHY: Record<UnassignedReason, string> = {
  "not-profitable": "it fits but was not worth serving",
  capacity: "its amounts do not fit in the load left, or the vehicle's maximum number of stops is reached",
  "time-window": "no time window can be met",
  shift: "the vehicle could not return within its shift",
  "max-distance": "the route would exceed the vehicle's maximum distance",
  "max-duration": "the route would exceed the vehicle's maximum duration",
  unreachable: "its location cannot be reached on the network",
  skills: "it may not share a vehicle with a job already on board",
  "no-vehicle": "no vehicle can serve it",
};

/**
 * One reason per job of `data` that neither a locked prefix nor `routes` (the search's customer
 * lists, route r driven by vehicle r) serves.
 */
export function explainUnserved(data: ProblemData, h: HgsData, routes: readonly (readonly number[])[]): Unassigned[] {
  const served = new Uint8Array(data.nJobs);
  for (const pre of data.lockedPrefix) for (const j of pre) served[j] = 1;
  for (const r of routes) for (const c of r) if (h.jobOf[c] >= 0) served[h.jobOf[c]] = 1;
  const ex = new Explainer(data, h);
  const out: Unassigned[] = [];
  for (let j = 0; j < data.nJobs; j++) if (!served[j]) out.push(ex.explain(j, routes));
  return out;
}

/** Tries a job alone and at every position of the routes, tallying which limit each try breaks. */
class Explainer {
  private readonly a: Segment;
  private readonly b: Segment;
  private readonly one: Segment;
  private readonly end: Segment;
  private readonly tally = new Map<UnassignedReason, number>();

  constructor(private readonly d: ProblemData, private readonly h: HgsData) {
    this.a = newSegment(h);
    this.b = newSegment(h);
    this.one = newSegment(h);
    this.end = newSegment(h);
  }

  explain(j: number, routes: readonly (readonly number[])[]): Unassigned {
    const { d } = this;
    const id = d.problem.jobs[j].id;
    const compatible: number[] = [];
    for (let v = 0; v < d.nVehicles; v++) if (d.compatible[v * d.nJobs + j]) compatible.push(v);
    if (compatible.length === 0) return noVehicle(d, j);
    this.tally.clear();
    let fits = false;
    // alone: with the vehicle's breaks only, the job before them or after
    for (const v of compatible) {
      const breaks = (routes[v] ?? []).filter((c) => this.h.isBreak[c] === 1);
      for (let pos = 0; pos <= breaks.length; pos++) if (this.tryRoute(j, v, breaks, pos, true)) fits = true;
    }
    if (!fits) {
      const why = this.mostFrequent();
      return { jobId: id, reason: why, detail: `no compatible vehicle can serve it even alone: ${WHY[why]}` };
    }
    this.tally.clear();
    for (const v of compatible) {
      const r = routes[v] ?? [];
      for (let pos = 0; pos <= r.length; pos++) this.tryRoute(j, v, r, pos);
    }
    const why = this.mostFrequent();
    return { jobId: id, reason: why, detail: `no room in any route of the fleet: ${WHY[why]}` };
  }

  /**
   * Job j inserted at `pos` of vehicle v's route `r`, in each of its windows: true when one fits;
   * else tallies why. `alone`: a leg from the start or home that cannot be driven is no verdict
   * when the vehicle can get there through other stops (true: the routes found will tell).
   */
  private tryRoute(j: number, v: number, r: readonly number[], pos: number, alone = false): boolean {
    if (this.cutOff(j, v, r, pos)) {
      if (alone && this.h.vReach[v * this.h.nLoc + this.d.jobLoc[j]] === 1) return true;
      this.tally.set("unreachable", (this.tally.get("unreachable") ?? 0) + 1);
      return false;
    }
    const { d, a, b, one, end } = this;
    const h = viewFor(this.h, v);
    let worst: UnassignedReason = "not-profitable";
    for (let w = d.twOffset[j]; w < d.twOffset[j + 1]; w++) {
      visitDepot(h, v, false, a);
      for (let k = 0; k < pos; k++) concat(h, a, visitCustomer(h, r[k], b), a);
      visitJob(d, h, j, w, one);
      if (d.jobDelivers[j]) {
        // a shipment's delivery unloads what its pickup loaded
        one.load = -one.load;
        one.peak = 0;
        for (let q = 0; q < one.more.length; q++) {
          one.more[q] = -one.more[q];
          one.morePeak[q] = 0;
        }
      }
      concat(h, a, one, a);
      for (let k = pos; k < r.length; k++) concat(h, a, visitCustomer(h, r[k], b), a);
      // the route without its end depot: time warp there is a job's window, beyond it the shift
      const warpBeforeEnd = a.tw;
      concat(h, a, visitDepot(h, v, true, end), a);
      const why = limitBroken(h, a, v, warpBeforeEnd);
      if (why === "not-profitable") return true;
      worst = why;
    }
    this.tally.set(worst, (this.tally.get(worst) ?? 0) + 1);
    return false;
  }

  /** True when job j at `pos` of vehicle v's route `r` cannot be reached from the stop before it or the next stop from it. */
  private cutOff(j: number, v: number, r: readonly number[], pos: number): boolean {
    const h = this.h;
    if (h.unreachable.length === 0) return false;
    const at = this.d.jobLoc[j];
    // breaks have no location of their own: the vehicle is where the last located visit left it
    let before = h.startLoc[v];
    for (let k = pos - 1; k >= 0; k--) {
      if (h.isBreak[r[k]]) continue;
      before = h.loc[r[k]];
      break;
    }
    let after = h.vEnd[v];
    for (let k = pos; k < r.length; k++) {
      if (h.isBreak[r[k]]) continue;
      after = h.loc[r[k]];
      break;
    }
    return h.unreachable[before * h.nLoc + at] === 1 || h.unreachable[at * h.nLoc + after] === 1;
  }

  private mostFrequent(): UnassignedReason {
    let best: UnassignedReason = "not-profitable";
    let n = 0;
    for (const [why, c] of this.tally) {
      if (c > n) {
        n = c;
        best = why;
      }
    }
    return best;
  }
}

/** The first limit the whole-route segment `s` of vehicle v breaks ("not-profitable": none); `warpBeforeEnd`: its time warp before the end depot. */
export function limitBroken(h: HgsData, s: Segment, v: number, warpBeforeEnd: number): UnassignedReason {
  const nDims = h.nDims;
  const ship = h.hasShipments;
  for (let q = 0; q < h.nJobDims; q++) {
    const load = q === 0 ? (ship ? s.peak : s.load) : ship ? s.morePeak[q - 1] : s.more[q - 1];
    if (load > h.vCapacity[v * nDims + q] + 1e-9) return "capacity";
  }
  // unload trips: each trip within the capacity, no more trips than allowed
  if (s.trips > 0 && (capacityExcess(h, s, v) > 1e-9 || s.trips > h.vMaxUnloads[v])) return "capacity";
  if (s.count > h.vMaxTasks[v]) return "capacity";
  if (h.rich && mixesTags(h, s)) return "skills";
  if (warpBeforeEnd > 1e-9) return "time-window";
  if (s.tw > 1e-9) return "shift";
  // breaks count in capacity dimensions of their own: a break that no longer fits is a matter of time
  for (let q = h.nJobDims; q < nDims; q++) if (s.more[q - 1] > h.vCapacity[v * nDims + q] + 1e-9) return "time-window";
  if (s.dur > h.vMaxDurationS[v] + 1e-9) return "max-duration";
  if (s.dist > h.vMaxDistanceKm[v] + 1e-9) return "max-distance";
  return "not-profitable";
}

/** A job no vehicle may serve: no vehicle at all, none of its carrier, or none with its skills. */
export function noVehicle(data: ProblemData, j: number): Unassigned {
  const p = data.problem;
  const job = p.jobs[j];
  if (p.vehicles.length === 0) return { jobId: job.id, reason: "no-vehicle", detail: "the fleet has no vehicles" };
  const ofCarrier = p.vehicles.filter((v) => job.carrierId === undefined || v.carrierId === job.carrierId);
  if (ofCarrier.length === 0)
    return { jobId: job.id, reason: "no-vehicle", detail: `carrier '${job.carrierId}' has no vehicle in this problem` };
  const have = new Set(ofCarrier.flatMap((v) => v.skills));
  const missing = job.skills.filter((s) => !have.has(s));
  const detail =
    missing.length > 0
      ? `no vehicle has skill ${missing.map((s) => `'${s}'`).join(", ")}`
      : `no single vehicle has all of ${job.skills.map((s) => `'${s}'`).join(", ")}`;
  return { jobId: job.id, reason: "skills", detail };
}
