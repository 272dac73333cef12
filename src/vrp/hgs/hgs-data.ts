// The routing problem as the hybrid genetic search sees it: customers (jobs) 0..n-1 with
// amounts in every dimension and one window, and the fleet as route slots with their own
// depots, shifts, capacities, costs (fixed, per km, per hour, per stop, minimum paid time),
// limits and skill group. The variant is read from the data: identical vehicles at one depot
// paying per km only (CVRP/VRPTW) search over giant tours and split; any other fleet over
// routes bound to vehicles. A locked prefix becomes part of its vehicle's start segment.
// An open start or end is a location 0 km and 0 s from everywhere; a job with several windows
// is one customer per window, at most one of them routed. Speed factors that differ give each
// distinct factor its own travel times (a profile), each route priced with its vehicle's.
// Unload trips are customers of their own (trips-data.ts), after the break customers when both
// are used (segment.ts prices them together). A leg that cannot be driven (a non-finite matrix
// entry) takes a stand-in time no shift can hold, so a route that drives it is never feasible.
// A locked job with several windows is served in the first one its vehicle still meets going on
// as early as it can. Jobs no vehicle can serve even alone are left out
// of the search (they stay unassigned, with their reason).
import type { ProblemData } from "../data.js";
import { withRichFeatures } from "./rich-data.js";
import { hasTrips, tripsKey, withUnloadTrips } from "./trips-data.js";
import { concat, GROUP_BITS, newSegment, OPEN, type Segment, visitDepot } from "./segment.js";

/** Flat search data; see the file header. Times in seconds, distances in km, costs in `costUnit`. */
export interface HgsData {
  readonly n: number;
  /** Job index of customer c (customers are the jobs some vehicle can serve alone). */
  readonly jobOf: Int32Array;
  readonly nLoc: number;
  readonly nDims: number;
  readonly loc: Int32Array;
  /**
   * Km between locations; in single precision for giant tours whose every distance is a float32
   * exactly (CVRPLIB's rounded distances): the same figures in half the memory, read at random
   * by every segment concatenation (X-n1001-k43: 4 MB instead of 8).
   */
  readonly dist: Float64Array | Float32Array;
  /** Travel seconds of this profile (the matrix divided by its speed factor; see `views`). */
  readonly time: Float64Array;
  /** Speed profile of vehicle v: vehicles with the same speed factor share one. */
  readonly vProfile: Int32Array;
  /**
   * The data as each profile sees it (only `time` differs): a route is priced with its vehicle's
   * profile (`viewFor`). views[0] is this object; one view when every factor is equal.
   */
  readonly views: readonly HgsData[];
  /** Amount of customer c in dimension 0, and in every dimension at `c * nDims + d`. */
  readonly demand: Float64Array;
  readonly amounts: Float64Array;
  readonly serviceS: Float64Array;
  readonly readyS: Float64Array;
  readonly dueS: Float64Array;
  readonly hasTimeWindows: boolean;
  /** Symmetric distances and, with windows, no reversal moves are priced (see two-opt-star-reversed). */
  readonly symmetric: boolean;
  /** Identical vehicles at one depot paying per km only: giant tours, split and ordered crossover. */
  readonly giantTour: boolean;
  readonly nVehicles: number;
  readonly vStart: Int32Array;
  readonly vEnd: Int32Array;
  readonly vReadyS: Float64Array;
  readonly vDueS: Float64Array;
  /** Capacity and load on board at the start, vehicle v dimension d at `v * nDims + d`. */
  readonly vCapacity: Float64Array;
  readonly vInitialLoad: Float64Array;
  /**
   * Start segment of each vehicle: its start depot, then its locked prefix (if any): last
   * location, km, duration, time warp, earliest/latest start, jobs, skill groups, and load per
   * dimension (load on board plus the locked jobs') at `v * nDims + d`.
   */
  readonly startLoc: Int32Array;
  readonly startDist: Float64Array;
  readonly startDur: Float64Array;
  readonly startTw: Float64Array;
  readonly startE: Float64Array;
  readonly startL: Float64Array;
  readonly startCount: Int32Array;
  readonly startMask: Int32Array;
  readonly startLoad: Float64Array;
  readonly vFixed: Float64Array;
  readonly vPerKm: Float64Array;
  /** Cost per second of route duration (from the latest feasible departure). */
  readonly vPerS: Float64Array;
  readonly vPerStop: Float64Array;
  readonly vMinPaidS: Float64Array;
  readonly vMaxDurationS: Float64Array;
  readonly vMaxDistanceKm: Float64Array;
  readonly vMaxTasks: Int32Array;
  /** Skill group of vehicle v (bit of jobMask); interchangeable class of vehicle v. */
  readonly vGroup: Int32Array;
  readonly vClass: Int32Array;
  /**
   * Bit g set when customer c fits vehicles of skill group g: groups 0..29 in word
   * `c * maskWords`, 30 more in each following word (see GROUP_BITS).
   */
  readonly jobMask: Int32Array;
  /** Words of a skill-group mask: 1 up to 30 groups. */
  readonly maskWords: number;
  /** Excess of one unit in dimension d weighs loadWeight[d] units of dimension 0 in the penalty. */
  readonly loadWeight: Float64Array;
  /** Dimension-0 capacity of the first vehicle (split and the SWAP* estimate of the giant-tour variant). */
  readonly capacity: number;
  readonly depot: number;
  /** Most routes allowed (the fleet size). */
  readonly maxRoutes: number;
  /** Priority of customer c (0..100). */
  readonly priority: Int32Array;
  /**
   * What serving customer c is worth when stops are optional, in the cost unit: one priority
   * point outweighs n + 1 served stops, and one served stop any cost a single insertion can add
   * (VROOM's order: served priority, then stops served, then cost). Infinity: never left out.
   */
  readonly prize: Float64Array;
  /** Some job has several windows: one customer per window (copies), at most one routed; stops are then optional. */
  readonly copies: boolean;
  /** Next copy of customer c's job (a cycle; c itself for a job with one window). */
  readonly nextCopy: Int32Array;
  /** USD per cost unit: the giant-tour variant counts distance (times the fleet's $/km), others USD. */
  readonly costUnit: number;
  /** Breaks, setup times or incompatible tags: segments carry the extra fields (see segment.ts). */
  readonly rich: boolean;
  /**
   * 1 for break customers (after the jobs): a break of one kind (same window and duration)
   * counts 1 in its own capacity dimension, of which each vehicle has as many as it has such
   * breaks, so a feasible solution gives every vehicle exactly its breaks.
   */
  readonly isBreak: Uint8Array;
  /** Number of job customers (breaks, then unloads, are customers nJobCustomers..n-1). */
  readonly nJobCustomers: number;
  /** Capacity dimensions of the problem (break kinds come after them). */
  readonly nJobDims: number;
  readonly setupS: Float64Array;
  /** Incompatible-tag bits of each customer, and of each vehicle's locked prefix; conflicts per tag. */
  readonly tags: Int32Array;
  readonly startTags: Int32Array;
  readonly tagConflict: Int32Array;
  /** Break index (into ProblemData's break arrays) of each break customer; -1 for jobs. */
  readonly breakOf: Int32Array;
  /**
   * Shipments: the partner customer of a pickup or delivery (-1: none), 1 for a delivery (its
   * amounts are negative: it unloads), and two random 32-bit keys per shipment, the same on both
   * customers (at `2c`, `2c + 1`), whose XOR over a route is 0 only when its shipments are whole.
   */
  readonly hasShipments: boolean;
  readonly partner: Int32Array;
  readonly delivers: Uint8Array;
  readonly shipKey: Int32Array;
  /**
   * Unload trips (see trips-data.ts): customers after the jobs that empty the vehicle at a hub,
   * the vehicle whose group and capacity each is bound to (-1: a job), and how many unloads
   * each vehicle may make (maxTrips - 1).
   */
  readonly hasTrips: boolean;
  readonly isUnload: Uint8Array;
  readonly unloadVehicle: Int32Array;
  readonly vMaxUnloads: Int32Array;
  /**
   * 1 where the leg from location i to j (at `i * nLoc + j`) cannot be driven: its travel time
   * is then a stand-in beyond every shift (see finiteLegs). Empty when every leg can be driven.
   */
  readonly unreachable: Uint8Array;
  /**
   * With such legs: 1 at `v * nLoc + l` when vehicle v can drive from its start to location l
   * and from l home over legs that can be driven (through any locations). Empty otherwise.
   */
  readonly vReach: Uint8Array;
  /** Window (index into ProblemData's window arrays) each locked job is served in; -1 for others. */
  readonly lockWindow: Int32Array;
}

/**
 * The search form of `d` (with no job: no customer, the locked prefixes still folded in), or
 * null when there is no vehicle.
 * `bound` keeps routes bound to vehicles even for a classic fleet (optional stops need it).
 */
export function toHgsData(d: ProblemData, bound = false): HgsData | null {
  // no capacity dimension at all (VROOM problems without amounts): one dimension that nothing fills
  if (d.nDims === 0)
    d = { ...d, nDims: 1, jobAmount: new Float64Array(d.nJobs), vCapacity: new Float64Array(d.nVehicles).fill(OPEN), vInitialLoad: new Float64Array(d.nVehicles) };
  if (d.nVehicles === 0) return null;
  // open routes: an open start or end is a location of its own, 0 km and 0 s from everywhere
  if (d.vStart.some((x) => x < 0) || d.vEnd.some((x) => x < 0)) d = withOpenEnds(d);
  const legs = finiteLegs(d);
  d = legs.data;
  const unreachable = legs.unreachable;
  const vReach = reachByVehicle(d, unreachable);
  const nV = d.nVehicles;
  const nJobs = d.nJobs;
  const nDims = d.nDims;
  const m = d.nLocations;
  let trips = false;
  for (let v = 0; v < nV; v++) trips ||= hasTrips(d, v);
  // speed profiles: one per distinct factor, in order of first use
  const factors: number[] = [];
  const vProfile = Int32Array.from(d.vSpeedFactor, (f) => {
    const k = factors.indexOf(f);
    return k >= 0 ? k : factors.push(f) - 1;
  });
  const times = factors.map((f) => (f === 1 ? d.durationS : d.durationS.map((x) => x / f)));
  let symmetric = true;
  for (let i = 0; i < m && symmetric; i++)
    for (let j = i + 1; j < m; j++)
      if (d.distanceKm[i * m + j] !== d.distanceKm[j * m + i] || d.durationS[i * m + j] !== d.durationS[j * m + i]) {
        symmetric = false;
        break;
      }
  // skill groups: vehicles with the same compatibility row
  const groupOf = new Map<string, number>();
  const vGroup = new Int32Array(nV);
  for (let v = 0; v < nV; v++) {
    const key = d.compatible.subarray(v * nJobs, (v + 1) * nJobs).join("") + tripsKey(d, v);
    let g = groupOf.get(key);
    if (g === undefined) {
      g = groupOf.size;
      groupOf.set(key, g);
    }
    vGroup[v] = g;
  }
  const maskWords = Math.max(1, Math.ceil(groupOf.size / GROUP_BITS));

  const time = times[0];
  // customers: the jobs some vehicle can serve on its own (travel obeys the triangle inequality
  // in every matrix we build, so a job no vehicle serves alone fits no route; see servesAlone
  // for legs that cannot be driven)
  // (a job with several windows becomes one customer per window it can be served in; at most
  // one of these copies is ever routed)
  const served: number[] = [];
  const windowOf: number[] = [];
  const nextCopy: number[] = [];
  for (let j = 0; j < nJobs; j++) {
    if (d.jobLocked[j]) continue;
    const first = served.length;
    for (let w = d.twOffset[j]; w < d.twOffset[j + 1]; w++) {
      let ok = false;
      for (let v = 0; v < nV && !ok; v++) ok = d.compatible[v * nJobs + j] === 1 && servesAlone(d, times[vProfile[v]], unreachable, vReach, d.twStartS[w], d.twEndS[w], v, j);
      if (!ok) continue;
      nextCopy.push(served.length + 1);
      served.push(j);
      windowOf.push(w);
    }
    if (served.length > first) nextCopy[served.length - 1] = first;
  }
  dropHalfShipments(d, served, windowOf, nextCopy);
  const n = served.length;
  const jobOf = Int32Array.from(served);
  const copies = n > new Set(served).size;
  const all = n === nJobs && !copies;
  const jobMask = new Int32Array(n * maskWords);
  for (let v = 0; v < nV; v++) {
    const word = (vGroup[v] / GROUP_BITS) | 0;
    const bit = 1 << (vGroup[v] - word * GROUP_BITS);
    for (let c = 0; c < n; c++) if (d.compatible[v * nJobs + jobOf[c]]) jobMask[c * maskWords + word] |= bit;
  }
  const giantTour = !bound && all && n > 0 && unreachable.length === 0 && !trips && factors.length === 1 && isClassic(d, symmetric);
  const readyS = new Float64Array(n);
  const dueS = new Float64Array(n);
  // clamped as the windows are: an open shift (MAX_SAFE_INTEGER) must not read as a window
  const [shiftStart, shiftEnd] = [Math.max(-OPEN, d.vShiftStartS[0]), Math.min(OPEN, d.vShiftEndS[0])];
  // a shift that closes bounds every route's duration: the time machinery enforces it
  let hasTimeWindows = !giantTour || shiftEnd < OPEN;
  for (let c = 0; c < n; c++) {
    const w = windowOf[c];
    readyS[c] = Math.max(-OPEN, d.twStartS[w]);
    dueS[c] = Math.min(OPEN, d.twEndS[w]);
    if (giantTour) {
      readyS[c] = Math.max(shiftStart, readyS[c]);
      dueS[c] = Math.min(shiftEnd, dueS[c]);
      if (readyS[c] > shiftStart || dueS[c] < shiftEnd) hasTimeWindows = true;
    }
  }
  // giant tours without windows price no time: only when the shift holds any route at all
  if (giantTour && !hasTimeWindows) hasTimeWindows = shiftStart + longestRouteS(d, time) > shiftEnd;
  const pick = <T extends Int32Array | Float64Array>(arr: T, width: number): T => {
    if (all) return arr;
    const out = new (arr.constructor as new (k: number) => T)(n * width);
    for (let c = 0; c < n; c++) for (let q = 0; q < width; q++) out[c * width + q] = arr[jobOf[c] * width + q];
    return out;
  };
  const amounts = pick(d.jobAmount, nDims);
  const vPerKm = giantTour ? new Float64Array(nV).fill(1) : d.vUsdPerKm;
  const zero = new Float64Array(nV);
  const loadWeight = new Float64Array(nDims);
  for (let q = 0; q < nDims; q++) {
    let cap = 0;
    for (let v = 0; v < nV; v++) cap = Math.max(cap, d.vCapacity[v * nDims + q]);
    let cap0 = 0;
    for (let v = 0; v < nV; v++) cap0 = Math.max(cap0, d.vCapacity[v * nDims]);
    loadWeight[q] = cap > 0 ? cap0 / cap : 1;
  }
  const base = {
    n, jobOf, nLoc: m, nDims, loc: pick(d.jobLoc, 1), dist: giantTour ? compact(d.distanceKm) : d.distanceKm, time,
    demand: nDims === 1 ? amounts : Float64Array.from({ length: n }, (_, c) => amounts[c * nDims]),
    amounts, serviceS: pick(d.jobServiceS, 1), readyS, dueS, hasTimeWindows, symmetric, giantTour,
    nVehicles: nV, vStart: d.vStart, vEnd: d.vEnd,
    vReadyS: d.vShiftStartS, vDueS: d.vShiftEndS, vCapacity: d.vCapacity, vInitialLoad: d.vInitialLoad,
    vFixed: giantTour ? zero : d.vFixedUsd, vPerKm, vPerS: giantTour ? zero : d.vUsdPerHour.map((x) => x / 3600),
    vPerStop: giantTour ? zero : d.vUsdPerStop, vMinPaidS: giantTour ? zero : d.vMinPaidS,
    vMaxDurationS: d.vMaxDurationS.map((x) => Math.min(OPEN, x)), vMaxDistanceKm: d.vMaxDistanceKm.map((x) => Math.min(OPEN, x)),
    vMaxTasks: d.vMaxTasks, vGroup, vClass: d.vClass, jobMask, maskWords, loadWeight,
    capacity: d.vCapacity[0], depot: d.vStart[0], maxRoutes: nV, costUnit: giantTour ? d.vUsdPerKm[0] : 1,
    startLoc: Int32Array.from(d.vStart), startDist: new Float64Array(nV), startDur: new Float64Array(nV), startTw: new Float64Array(nV),
    startE: Float64Array.from(d.vShiftStartS), startL: Float64Array.from(d.vShiftEndS), startCount: new Int32Array(nV),
    startMask: new Int32Array(nV * maskWords).fill(-1), startLoad: Float64Array.from(d.vInitialLoad),
    priority: pick(d.jobPriority, 1), prize: prizes(d, pick(d.jobPriority, 1), giantTour), copies, nextCopy: Int32Array.from(nextCopy),
    rich: false, isBreak: new Uint8Array(n), nJobCustomers: n, nJobDims: nDims, setupS: pick(d.jobSetupS, 1),
    tags: pick(d.jobTags, 1), startTags: new Int32Array(nV), tagConflict: d.tagConflict, breakOf: new Int32Array(n).fill(-1),
    hasShipments: false, partner: new Int32Array(n).fill(-1), delivers: new Uint8Array(n), shipKey: new Int32Array(2 * n),
    vProfile, views: [] as HgsData[],
    hasTrips: false, isUnload: new Uint8Array(n), unloadVehicle: new Int32Array(n).fill(-1), vMaxUnloads: new Int32Array(nV),
    unreachable, vReach, lockWindow: new Int32Array(nJobs).fill(-1),
  };
  const rich = d.geneticOnly ? withRichFeatures(d, base) : base;
  const h = trips ? withUnloadTrips(d, rich) : rich;
  const views = h.views as HgsData[];
  views.push(h, ...times.slice(1).map((t) => ({ ...h, time: t })));
  for (let v = 0; v < nV; v++) if (d.lockedPrefix[v].length > 0) lockStart(d, viewFor(h, v), vGroup, v);
  return h;
}

/** `data` as vehicle v's speed profile sees it (see HgsData.views). */
export function viewFor(data: HgsData, v: number): HgsData {
  return data.views.length === 1 ? data : data.views[data.vProfile[v]];
}

/** See HgsData.prize: a bound on any one insertion's cost (a vehicle opened for it, its longest detour and paid shift). */
function prizes(d: ProblemData, priority: Int32Array, giantTour: boolean): Float64Array {
  let maxKm = 0;
  for (let k = 0; k < d.distanceKm.length; k++) if (d.distanceKm[k] > maxKm) maxKm = d.distanceKm[k];
  let unit = 1;
  for (let v = 0; v < d.nVehicles; v++) {
    const paidS = Math.max(d.vShiftEndS[v] - d.vShiftStartS[v], d.vMinPaidS[v]);
    const perKm = giantTour ? 1 : d.vUsdPerKm[v];
    unit = Math.max(unit, 1 + 2 * (d.vFixedUsd[v] + perKm * 2 * maxKm + (d.vUsdPerHour[v] * paidS) / 3600 + d.vUsdPerStop[v]));
  }
  const n = priority.length;
  return Float64Array.from(priority, (p) => unit * (p * (n + 1) + 1));
}

/**
 * `d` with every leg that cannot be driven (a non-finite time or distance) given a stand-in:
 * the longest finite distance, and a time beyond twice the longest shift at the fastest speed
 * factor, so that a route driving it breaks its shift (time warp) whatever else it does; and
 * those legs marked. `d` itself when every leg can be driven.
 */
function finiteLegs(d: ProblemData): { data: ProblemData; unreachable: Uint8Array } {
  const size = d.nLocations * d.nLocations;
  let any = false;
  for (let k = 0; k < size && !any; k++) any = !Number.isFinite(d.durationS[k]) || !Number.isFinite(d.distanceKm[k]);
  if (!any) return { data: d, unreachable: new Uint8Array(0) };
  let maxKm = 0;
  for (let k = 0; k < size; k++) if (Number.isFinite(d.distanceKm[k]) && d.distanceKm[k] > maxKm) maxKm = d.distanceKm[k];
  let span = 0;
  let factor = 1;
  for (let v = 0; v < d.nVehicles; v++) {
    span = Math.max(span, d.vShiftEndS[v] - d.vShiftStartS[v]);
    factor = Math.max(factor, d.vSpeedFactor[v]);
  }
  const standInS = factor * (2 * span + 1e6);
  const unreachable = new Uint8Array(size);
  const durationS = Float64Array.from(d.durationS);
  const distanceKm = Float64Array.from(d.distanceKm);
  for (let k = 0; k < size; k++) {
    if (Number.isFinite(durationS[k]) && Number.isFinite(distanceKm[k])) continue;
    unreachable[k] = 1;
    durationS[k] = standInS;
    distanceKm[k] = maxKm;
  }
  return { data: { ...d, durationS, distanceKm }, unreachable };
}

/** Sums of the travel seconds and km of the legs that can be driven (averages read from the data). */
export function legSums(data: HgsData): { s: number; km: number } {
  let s = 0;
  let km = 0;
  const off = data.unreachable;
  for (let k = 0; k < data.dist.length; k++) {
    if (off.length > 0 && off[k] === 1) continue;
    s += data.time[k];
    km += data.dist[k];
  }
  return { s, km };
}

/** `d` with one more location, 0 km and 0 s from and to every other, where open routes start or end. */
function withOpenEnds(d: ProblemData): ProblemData {
  const m = d.nLocations;
  const m1 = m + 1;
  const grow = (a: Float64Array): Float64Array => {
    const out = new Float64Array(m1 * m1);
    for (let i = 0; i < m; i++) out.set(a.subarray(i * m, (i + 1) * m), i * m1);
    return out;
  };
  const open = (ends: Int32Array): Int32Array => ends.map((x) => (x < 0 ? m : x));
  return { ...d, nLocations: m1, durationS: grow(d.durationS), distanceKm: grow(d.distanceKm), vStart: open(d.vStart), vEnd: open(d.vEnd) };
}

/**
 * A shipment is served whole or not at all: drops (in place) the customers whose partner no
 * vehicle can serve. A shipment's jobs have one window each (one customer), so copies of other
 * jobs keep their links, renumbered.
 */
function dropHalfShipments(d: ProblemData, served: number[], windowOf: number[], nextCopy: number[]): void {
  const alone = new Set(served);
  const keep = served.map((j) => d.jobPartner[j] < 0 || alone.has(d.jobPartner[j]));
  if (!keep.includes(false)) return;
  const index: number[] = [];
  let k = 0;
  for (let c = 0; c < served.length; c++) index.push(keep[c] ? k++ : -1);
  const links = nextCopy.map((x) => index[x]);
  let out = 0;
  for (let c = 0; c < served.length; c++) {
    if (!keep[c]) continue;
    served[out] = served[c];
    windowOf[out] = windowOf[c];
    nextCopy[out] = links[c];
    out++;
  }
  served.length = windowOf.length = nextCopy.length = out;
}

/**
 * Folds vehicle v's locked prefix into its start segment (the jobs as single visits, in order).
 * A job with several windows takes the first one the vehicle still meets when it goes on as early
 * as it can (as the checker's earliest schedule reads a fixed order); none: the last (time warp).
 */
function lockStart(d: ProblemData, h: HgsData, vGroup: Int32Array, v: number): void {
  const nDims = h.nDims;
  const seg = visitDepot(h, v, false, newSegment(h));
  const one = newSegment(h);
  const next = newSegment(h);
  const word = (vGroup[v] / GROUP_BITS) | 0;
  const lockWindow = h.lockWindow as Int32Array;
  const visit = (j: number, w: number): Segment => {
    visitJob(d, h, j, w, one);
    // a locked job fits its own vehicle's group (no other)
    one.mask = 0;
    one.moreMask.fill(0);
    if (word === 0) one.mask = 1 << vGroup[v];
    else one.moreMask[word - 1] = 1 << (vGroup[v] - word * GROUP_BITS);
    return one;
  };
  for (const j of d.lockedPrefix[v]) {
    let w = d.twOffset[j];
    for (; w < d.twOffset[j + 1] - 1; w++) if (concat(h, next.copyFrom(seg), visit(j, w), next).tw <= seg.tw + 1e-9) break;
    lockWindow[j] = w;
    concat(h, seg, visit(j, w), seg);
  }
  const mut = h as { -readonly [K in keyof HgsData]: HgsData[K] };
  mut.startLoc[v] = seg.last;
  mut.startDist[v] = seg.dist;
  mut.startDur[v] = seg.dur;
  mut.startTw[v] = seg.tw;
  mut.startE[v] = seg.e;
  mut.startL[v] = seg.l;
  mut.startCount[v] = seg.count;
  mut.startMask[v * h.maskWords] = seg.mask;
  for (let w = 1; w < h.maskWords; w++) mut.startMask[v * h.maskWords + w] = seg.moreMask[w - 1];
  mut.startTags[v] = seg.tags;
  mut.startLoad[v * nDims] = seg.load;
  for (let q = 1; q < nDims; q++) mut.startLoad[v * nDims + q] = seg.more[q - 1];
}

/**
 * Sets `out` to the single visit of job j (of `d`, in window w) as the search data `h` price it,
 * whether or not j is one of h's customers; every skill group may serve it.
 */
export function visitJob(d: ProblemData, h: HgsData, j: number, w: number, out: Segment): Segment {
  out.first = out.last = d.jobLoc[j];
  out.load = d.nDims > 0 ? d.jobAmount[j * d.nDims] : 0;
  for (let q = 1; q < h.nDims; q++) out.more[q - 1] = q < d.nDims ? d.jobAmount[j * d.nDims + q] : 0;
  out.dur = d.jobServiceS[j];
  out.e = Math.max(-OPEN, d.twStartS[w]);
  out.l = Math.min(OPEN, d.twEndS[w]);
  out.dist = out.tw = 0;
  out.count = 1;
  out.mask = -1;
  out.moreMask.fill(-1);
  if (h.hasTrips) out.noTrips();
  if (h.rich) {
    out.plain();
    out.tags = d.jobTags[j];
    out.su = d.jobSetupS[j];
    out.sdur += out.su;
  }
  return out;
}

/** CVRP/VRPTW: one depot, identical vehicles paying per km only, one dimension, symmetric matrices. */
function isClassic(d: ProblemData, symmetric: boolean): boolean {
  if (d.geneticOnly) return false;
  if (d.nJobs < 3 || d.nDims !== 1 || !symmetric) return false;
  const depot = d.vStart[0];
  if (d.vEnd[0] !== depot) return false;
  for (let v = 0; v < d.nVehicles; v++) if (d.vClass[v] !== d.vClass[0]) return false;
  const veh = d.problem.vehicles[0];
  if (veh.fixedCostUsd !== 0 || veh.costUsdPerHour !== 0 || !(veh.costUsdPerKm > 0)) return false;
  if ((veh.costUsdPerStop ?? 0) !== 0 || (veh.minPaidS ?? 0) !== 0) return false;
  if (veh.maxDistanceKm !== undefined || veh.maxDurationS !== undefined || veh.maxTasks !== undefined) return false;
  if (veh.initialLoad?.some((x) => x > 0)) return false;
  for (let k = 0; k < d.compatible.length; k++) if (d.compatible[k] === 0) return false;
  return true;
}

/** A bound on any route's duration: every job's service, and the longest leg into each stop and home. */
function longestRouteS(d: ProblemData, time: Float64Array): number {
  const m = d.nLocations;
  let maxLeg = 0;
  for (let k = 0; k < m * m; k++) if (time[k] > maxLeg) maxLeg = time[k];
  let service = 0;
  for (let j = 0; j < d.nJobs; j++) service += d.jobServiceS[j] + d.jobSetupS[j];
  return service + (d.nJobs + 1) * maxLeg;
}

/**
 * Vehicle v can serve job j on its own (capacity, window, shift, limits). A leg from its start
 * or home that cannot be driven counts 0 s and 0 km when the vehicle can get there and back
 * through other locations (a lower bound: the search decides), and rules j out when it cannot.
 */
function servesAlone(d: ProblemData, time: ArrayLike<number>, cut: Uint8Array, reach: Uint8Array, ready: number, due: number, v: number, j: number): boolean {
  const m = d.nLocations;
  const nDims = d.nDims;
  for (let q = 0; q < nDims; q++) if (d.vInitialLoad[v * nDims + q] + d.jobAmount[j * nDims + q] > d.vCapacity[v * nDims + q] + 1e-9) return false;
  const at = d.jobLoc[j];
  if (cut.length > 0 && reach[v * m + at] === 0) return false;
  const outLeg = d.vStart[v] * m + at;
  const backLeg = at * m + d.vEnd[v];
  const relax = (leg: number, x: ArrayLike<number>): number => (cut.length > 0 && cut[leg] === 1 ? 0 : x[leg]);
  const begin = Math.max(d.vShiftStartS[v] + relax(outLeg, time), ready);
  if (begin > due + 1e-9 || begin + d.jobSetupS[j] + d.jobServiceS[j] + relax(backLeg, time) > d.vShiftEndS[v] + 1e-9) return false;
  const km = relax(outLeg, d.distanceKm) + relax(backLeg, d.distanceKm);
  return km <= d.vMaxDistanceKm[v] + 1e-9 && d.vMaxTasks[v] >= 1;
}

/** See HgsData.vReach: a search forward from each start and backward from each end over the legs that can be driven. */
function reachByVehicle(d: ProblemData, cut: Uint8Array): Uint8Array {
  if (cut.length === 0) return new Uint8Array(0);
  const m = d.nLocations;
  const search = (from: number, forward: boolean): Uint8Array => {
    const seen = new Uint8Array(m);
    const stack = [from];
    seen[from] = 1;
    while (stack.length > 0) {
      const a = stack.pop() as number;
      for (let b = 0; b < m; b++) {
        if (seen[b] || cut[forward ? a * m + b : b * m + a]) continue;
        seen[b] = 1;
        stack.push(b);
      }
    }
    return seen;
  };
  const memo = new Map<string, Uint8Array>();
  const cached = (from: number, forward: boolean): Uint8Array => {
    const key = `${from}${forward ? ">" : "<"}`;
    let r = memo.get(key);
    if (!r) memo.set(key, (r = search(from, forward)));
    return r;
  };
  const out = new Uint8Array(d.nVehicles * m);
  for (let v = 0; v < d.nVehicles; v++) {
    const there = cached(d.vStart[v], true);
    const back = cached(d.vEnd[v], false);
    for (let l = 0; l < m; l++) out[v * m + l] = there[l] & back[l];
  }
  return out;
}

/** `a` in single precision when that loses nothing (every value a float32 exactly), else `a` itself. */
export function compact(a: Float64Array): Float64Array | Float32Array {
  for (let k = 0; k < a.length; k++) if (Math.fround(a[k]) !== a[k]) return a;
  return Float32Array.from(a);
}
