// Problem data for the search: a RoutingProblem validated once and flattened into typed
// arrays (jobs, vehicles, windows, compatibility). Hot loops read only these arrays.
import { describeIssues, type InputIssue, type RoutingProblem, UrbanmineError } from "../domain/index.js";

/** Immutable, integer-indexed view of a routing problem. Built by {@link buildProblemData}. */
export interface ProblemData {
  readonly problem: RoutingProblem;
  readonly nJobs: number;
  readonly nVehicles: number;
  readonly nDims: number;
  readonly nLocations: number;
  /** Row-major seconds and km between locations. */
  readonly durationS: Float64Array;
  readonly distanceKm: Float64Array;
  readonly jobLoc: Int32Array;
  readonly jobServiceS: Float64Array;
  /** Setup seconds of job j, paid when arriving from another location (0 when not given). */
  readonly jobSetupS: Float64Array;
  /** Bit t set when job j carries tag t of {@link tagConflict} (tags in no incompatible pair get no bit). */
  readonly jobTags: Int32Array;
  /** Bits of the tags that tag t may not share a vehicle with; empty when no pair is given. */
  readonly tagConflict: Int32Array;
  /** Amount of job j in dimension d at `j * nDims + d`. */
  readonly jobAmount: Float64Array;
  readonly jobPriority: Int32Array;
  /** Windows of job j are `twStartS/twEndS[twOffset[j] .. twOffset[j+1])`, sorted by start. */
  readonly twOffset: Int32Array;
  readonly twStartS: Float64Array;
  readonly twEndS: Float64Array;
  /** 1 when vehicle v may serve job j (skills and carrier), at `v * nJobs + j`. */
  readonly compatible: Uint8Array;
  /** -1 for an open start or end. */
  readonly vStart: Int32Array;
  readonly vEnd: Int32Array;
  /** Capacity of vehicle v in dimension d at `v * nDims + d`. */
  readonly vCapacity: Float64Array;
  /** Load on board at the start of vehicle v's route in dimension d at `v * nDims + d`. */
  readonly vInitialLoad: Float64Array;
  readonly vShiftStartS: Float64Array;
  readonly vShiftEndS: Float64Array;
  readonly vFixedUsd: Float64Array;
  readonly vUsdPerKm: Float64Array;
  readonly vUsdPerHour: Float64Array;
  /** USD per job served (0 when not given). */
  readonly vUsdPerStop: Float64Array;
  /** Minimum paid time of a used vehicle, seconds (0 when not given). */
  readonly vMinPaidS: Float64Array;
  readonly vSpeedFactor: Float64Array;
  /** Infinity when unbounded. */
  readonly vMaxDurationS: Float64Array;
  readonly vMaxDistanceKm: Float64Array;
  readonly vMaxTasks: Int32Array;
  readonly vMaxTrips: Int32Array;
  readonly vUnloadS: Float64Array;
  /** Unload locations of vehicle v are `vUnloadLoc[vUnloadOffset[v] .. vUnloadOffset[v+1])`. */
  readonly vUnloadOffset: Int32Array;
  readonly vUnloadLoc: Int32Array;
  /** Breaks of vehicle v are `vBreakOffset[v] .. vBreakOffset[v+1]` into the break arrays. */
  readonly vBreakOffset: Int32Array;
  /** Window of each break (-Infinity / Infinity when open) and its duration, seconds. */
  readonly breakStartS: Float64Array;
  readonly breakEndS: Float64Array;
  readonly breakServiceS: Float64Array;
  /** Partner job of a shipment's pickup or delivery (-1: not part of a shipment); 1 when job j is a delivery. */
  readonly jobPartner: Int32Array;
  readonly jobDelivers: Uint8Array;
  /** Breaks, setup times, incompatible tags or shipments: the search's segments carry their fields (hgs/rich-data.ts). */
  readonly geneticOnly: boolean;
  /** Vehicles with equal class are interchangeable (same attributes, nothing locked). */
  readonly vClass: Int32Array;
  /** Locked prefix (job indices) of each vehicle's route. */
  readonly lockedPrefix: ReadonlyArray<ReadonlyArray<number>>;
  /** 1 when the job is part of a locked prefix. */
  readonly jobLocked: Uint8Array;
  readonly jobIndex: ReadonlyMap<string, number>;
  readonly vehicleIndex: ReadonlyMap<string, number>;
}

/**
 * Validates `problem` and flattens it for the search.
 * @throws UrbanmineError INVALID_INPUT listing every problem found (JSON path, what is accepted),
 *   UNKNOWN_REFERENCE when a lock names an unknown vehicle or job.
 */
export function buildProblemData(problem: RoutingProblem): ProblemData {
  const issues: InputIssue[] = [];
  const nLoc = problem.locationIds.length;
  const nDims = problem.dimensions.length;
  const nJobs = problem.jobs.length;
  const nV = problem.vehicles.length;
  checkMatrix(problem, nLoc, issues);
  const loc = (i: number | undefined, path: string): void => {
    if (i !== undefined && !(Number.isInteger(i) && i >= 0 && i < nLoc))
      issues.push({ path, message: `location index ${i} is outside 0..${nLoc - 1}` });
  };
  const jobIndex = new Map<string, number>();
  const jobLoc = new Int32Array(nJobs);
  const jobServiceS = new Float64Array(nJobs);
  const jobSetupS = new Float64Array(nJobs);
  const jobAmount = new Float64Array(nJobs * nDims);
  const jobPriority = new Int32Array(nJobs);
  const twOffset = new Int32Array(nJobs + 1);
  const starts: number[] = [];
  const ends: number[] = [];
  problem.jobs.forEach((job, j) => {
    const p = `jobs[${j}]`;
    if (jobIndex.has(job.id)) issues.push({ path: `${p}.id`, message: `duplicate job id '${job.id}'` });
    jobIndex.set(job.id, j);
    loc(job.location, `${p}.location`);
    jobLoc[j] = job.location;
    if (!(job.serviceS >= 0 && Number.isFinite(job.serviceS)))
      issues.push({ path: `${p}.serviceS`, message: `service time ${job.serviceS} must be a finite number >= 0` });
    jobServiceS[j] = job.serviceS;
    const setup = job.setupS ?? 0;
    if (!(setup >= 0 && Number.isFinite(setup))) issues.push({ path: `${p}.setupS`, message: `setup time ${setup} must be a finite number >= 0` });
    jobSetupS[j] = setup;
    if (job.amounts.length !== nDims)
      issues.push({ path: `${p}.amounts`, message: `has ${job.amounts.length} amounts; expected ${nDims} (${problem.dimensions.join(", ")})` });
    job.amounts.forEach((a, d) => {
      if (!(a >= 0 && Number.isFinite(a))) issues.push({ path: `${p}.amounts[${d}]`, message: `amount ${a} must be finite and >= 0` });
      if (d < nDims) jobAmount[j * nDims + d] = a;
    });
    if (!(Number.isInteger(job.priority) && job.priority >= 0 && job.priority <= 100))
      issues.push({ path: `${p}.priority`, message: `priority ${job.priority} must be an integer in 0..100` });
    jobPriority[j] = job.priority;
    const windows = [...job.timeWindows].sort((x, y) => x[0] - y[0]);
    job.timeWindows.forEach(([s, e], w) => {
      if (!(Number.isFinite(s) && Number.isFinite(e) && s <= e))
        issues.push({ path: `${p}.timeWindows[${w}]`, message: `window [${s}, ${e}] closes before it opens; expected start <= end, in seconds` });
    });
    twOffset[j] = starts.length;
    if (windows.length === 0) {
      starts.push(-Infinity);
      ends.push(Infinity);
    } else {
      for (const [s, e] of windows) {
        starts.push(s);
        ends.push(e);
      }
    }
  });
  twOffset[nJobs] = starts.length;

  const vehicleIndex = new Map<string, number>();
  const vStart = new Int32Array(nV);
  const vEnd = new Int32Array(nV);
  const vCapacity = new Float64Array(nV * nDims);
  const vInitialLoad = new Float64Array(nV * nDims);
  const f64 = (): Float64Array => new Float64Array(nV);
  const vShiftStartS = f64();
  const vShiftEndS = f64();
  const vFixedUsd = f64();
  const vUsdPerKm = f64();
  const vUsdPerHour = f64();
  const vUsdPerStop = f64();
  const vMinPaidS = f64();
  const vSpeedFactor = f64();
  const vMaxDurationS = f64();
  const vMaxDistanceKm = f64();
  const vUnloadS = f64();
  const vMaxTasks = new Int32Array(nV);
  const vMaxTrips = new Int32Array(nV);
  const vUnloadOffset = new Int32Array(nV + 1);
  const unloads: number[] = [];
  const vBreakOffset = new Int32Array(nV + 1);
  const breaks: Array<[number, number, number]> = [];
  problem.vehicles.forEach((v, i) => {
    const p = `vehicles[${i}]`;
    if (vehicleIndex.has(v.id)) issues.push({ path: `${p}.id`, message: `duplicate vehicle id '${v.id}'` });
    vehicleIndex.set(v.id, i);
    loc(v.start, `${p}.start`);
    loc(v.end, `${p}.end`);
    vStart[i] = v.start ?? -1;
    vEnd[i] = v.end ?? -1;
    if (v.capacity.length !== nDims)
      issues.push({ path: `${p}.capacity`, message: `has ${v.capacity.length} entries; expected ${nDims} (${problem.dimensions.join(", ")})` });
    v.capacity.forEach((c, d) => {
      if (!(c >= 0)) issues.push({ path: `${p}.capacity[${d}]`, message: `capacity ${c} must be >= 0` });
      if (d < nDims) vCapacity[i * nDims + d] = c;
    });
    if (v.initialLoad !== undefined) {
      if (v.initialLoad.length !== nDims)
        issues.push({ path: `${p}.initialLoad`, message: `has ${v.initialLoad.length} entries; expected ${nDims} (${problem.dimensions.join(", ")})` });
      v.initialLoad.forEach((x, d) => {
        if (!(x >= 0 && Number.isFinite(x))) issues.push({ path: `${p}.initialLoad[${d}]`, message: `initial load ${x} must be finite and >= 0` });
        if (d < nDims) vInitialLoad[i * nDims + d] = x;
      });
    }
    const [s, e] = v.shift;
    if (!(Number.isFinite(s) && Number.isFinite(e) && s <= e))
      issues.push({ path: `${p}.shift`, message: `shift [${s}, ${e}] ends before it starts; expected start <= end, in seconds` });
    vShiftStartS[i] = s;
    vShiftEndS[i] = e;
    const nonNeg = (x: number, name: string): number => {
      if (!(x >= 0 && Number.isFinite(x))) issues.push({ path: `${p}.${name}`, message: `${name} ${x} must be finite and >= 0` });
      return x;
    };
    vFixedUsd[i] = nonNeg(v.fixedCostUsd, "fixedCostUsd");
    vUsdPerKm[i] = nonNeg(v.costUsdPerKm, "costUsdPerKm");
    vUsdPerHour[i] = nonNeg(v.costUsdPerHour, "costUsdPerHour");
    vUsdPerStop[i] = nonNeg(v.costUsdPerStop ?? 0, "costUsdPerStop");
    vMinPaidS[i] = nonNeg(v.minPaidS ?? 0, "minPaidS");
    vUnloadS[i] = nonNeg(v.unloadS, "unloadS");
    if (!(v.speedFactor > 0 && Number.isFinite(v.speedFactor)))
      issues.push({ path: `${p}.speedFactor`, message: `speedFactor ${v.speedFactor} must be > 0` });
    vSpeedFactor[i] = v.speedFactor;
    vMaxDurationS[i] = v.maxDurationS ?? Infinity;
    vMaxDistanceKm[i] = v.maxDistanceKm ?? Infinity;
    vMaxTasks[i] = v.maxTasks ?? 0x3fffffff;
    if (!(Number.isInteger(v.maxTrips) && v.maxTrips >= 1))
      issues.push({ path: `${p}.maxTrips`, message: `maxTrips ${v.maxTrips} must be an integer >= 1` });
    vMaxTrips[i] = v.maxTrips;
    vUnloadOffset[i] = unloads.length;
    v.unloadLocations.forEach((u, k) => {
      loc(u, `${p}.unloadLocations[${k}]`);
      unloads.push(u);
    });
    vBreakOffset[i] = breaks.length;
    const breakIds = new Set<string>();
    (v.breaks ?? []).forEach((b, k) => {
      const bp = `${p}.breaks[${k}]`;
      if (breakIds.has(b.id)) issues.push({ path: `${bp}.id`, message: `duplicate break id '${b.id}' on vehicle '${v.id}'` });
      breakIds.add(b.id);
      if (!(b.serviceS >= 0 && Number.isFinite(b.serviceS))) issues.push({ path: `${bp}.serviceS`, message: `break duration ${b.serviceS} must be a finite number >= 0` });
      if (b.timeWindows.length > 1) issues.push({ path: `${bp}.timeWindows`, message: `has ${b.timeWindows.length} windows; a break takes at most one` });
      const [ws, we] = b.timeWindows[0] ?? [-Infinity, Infinity];
      if (!(ws <= we) || Number.isNaN(ws)) issues.push({ path: `${bp}.timeWindows[0]`, message: `window [${ws}, ${we}] closes before it opens; expected start <= end, in seconds` });
      if (v.start === undefined || v.end === undefined) issues.push({ path: `${bp}`, message: "breaks need a route with a start and an end location" });
      breaks.push([ws, we, b.serviceS]);
    });
  });
  vUnloadOffset[nV] = unloads.length;
  vBreakOffset[nV] = breaks.length;
  const { jobTags, tagConflict } = buildTags(problem, issues);

  const compatible = new Uint8Array(nV * nJobs);
  problem.vehicles.forEach((v, i) => {
    const skills = new Set(v.skills);
    problem.jobs.forEach((job, j) => {
      const ok = job.skills.every((s) => skills.has(s)) && (job.carrierId === undefined || job.carrierId === v.carrierId);
      compatible[i * nJobs + j] = ok ? 1 : 0;
    });
  });

  const { lockedPrefix, jobLocked } = buildLocks(problem, jobIndex, vehicleIndex, issues);
  const { jobPartner, jobDelivers } = buildShipments(problem, jobIndex, jobLocked, issues);
  if (issues.length > 0) {
    const code = issues.some((i) => i.message.startsWith("unknown")) ? "UNKNOWN_REFERENCE" : "INVALID_INPUT";
    throw new UrbanmineError(code, describeIssues("routing problem is not valid", issues), issues);
  }
  const vClass = classifyVehicles(problem, lockedPrefix);
  const geneticOnly = breaks.length > 0 || jobSetupS.some((x) => x > 0) || tagConflict.length > 0 || (problem.shipments ?? []).length > 0;
  return {
    problem, nJobs, nVehicles: nV, nDims, nLocations: nLoc,
    durationS: problem.durationS, distanceKm: problem.distanceKm,
    jobLoc, jobServiceS, jobSetupS, jobTags, tagConflict, jobAmount, jobPriority, twOffset,
    twStartS: Float64Array.from(starts), twEndS: Float64Array.from(ends), compatible,
    vStart, vEnd, vCapacity, vInitialLoad, vShiftStartS, vShiftEndS, vFixedUsd, vUsdPerKm, vUsdPerHour, vUsdPerStop, vMinPaidS, vSpeedFactor,
    vMaxDurationS, vMaxDistanceKm, vMaxTasks, vMaxTrips, vUnloadS, vUnloadOffset,
    vUnloadLoc: Int32Array.from(unloads), vBreakOffset, breakStartS: Float64Array.from(breaks, (b) => b[0]),
    breakEndS: Float64Array.from(breaks, (b) => b[1]), breakServiceS: Float64Array.from(breaks, (b) => b[2]), jobPartner, jobDelivers, geneticOnly, vClass, lockedPrefix, jobLocked, jobIndex, vehicleIndex,
  };
}

function checkMatrix(problem: RoutingProblem, nLoc: number, issues: InputIssue[]): void {
  for (const name of ["durationS", "distanceKm"] as const) {
    const m = problem[name];
    if (m.length !== nLoc * nLoc) {
      issues.push({ path: name, message: `has ${m.length} entries; expected ${nLoc}×${nLoc} = ${nLoc * nLoc}` });
      continue;
    }
    for (let k = 0; k < m.length; k++) {
      if (!(m[k] >= 0)) {
        const i = Math.floor(k / nLoc);
        issues.push({ path: `${name}[${k}]`, message: `entry (${i}, ${k - i * nLoc}) is ${m[k]}; expected >= 0 (Infinity: unreachable)` });
        break;
      }
    }
  }
}

/** Most distinct tags that {@link RoutingProblem.incompatibleTags} may name (bits of an int32). */
const MAX_TAGS = 30;

/** Tag bits per job and the conflict bits per tag, from the problem's incompatible pairs. */
function buildTags(problem: RoutingProblem, issues: InputIssue[]): { jobTags: Int32Array; tagConflict: Int32Array } {
  const bit = new Map<string, number>();
  const pairs = problem.incompatibleTags ?? [];
  pairs.forEach((pair, i) => {
    if (pair.length !== 2 || pair[0] === pair[1])
      issues.push({ path: `incompatibleTags[${i}]`, message: `expected two different tags, got ${JSON.stringify(pair)}` });
    for (const t of pair) if (!bit.has(t)) bit.set(t, bit.size);
  });
  if (bit.size > MAX_TAGS) issues.push({ path: "incompatibleTags", message: `names ${bit.size} tags; at most ${MAX_TAGS} are supported` });
  const tagConflict = new Int32Array(bit.size);
  for (const [a, b] of pairs) {
    const x = bit.get(a)!;
    const y = bit.get(b)!;
    if (x === y || x >= MAX_TAGS || y >= MAX_TAGS) continue;
    tagConflict[x] |= 1 << y;
    tagConflict[y] |= 1 << x;
  }
  const jobTags = new Int32Array(problem.jobs.length);
  problem.jobs.forEach((job, j) => {
    for (const t of job.tags ?? []) {
      const b = bit.get(t);
      if (b !== undefined && b < MAX_TAGS) jobTags[j] |= 1 << b;
    }
  });
  return { jobTags, tagConflict };
}

/** Each shipment's pickup and delivery jobs paired (both known, in one shipment only, same amounts, not locked). */
function buildShipments(problem: RoutingProblem, jobIndex: Map<string, number>, jobLocked: Uint8Array, issues: InputIssue[]): { jobPartner: Int32Array; jobDelivers: Uint8Array } {
  const jobPartner = new Int32Array(problem.jobs.length).fill(-1);
  const jobDelivers = new Uint8Array(problem.jobs.length);
  (problem.shipments ?? []).forEach((s, i) => {
    const p = jobIndex.get(s.pickupJobId);
    const d = jobIndex.get(s.deliveryJobId);
    if (p === undefined) issues.push({ path: `shipments[${i}].pickupJobId`, message: `unknown job '${s.pickupJobId}'` });
    if (d === undefined) issues.push({ path: `shipments[${i}].deliveryJobId`, message: `unknown job '${s.deliveryJobId}'` });
    if (p === undefined || d === undefined) return;
    if (p === d || jobPartner[p] >= 0 || jobPartner[d] >= 0) {
      issues.push({ path: `shipments[${i}]`, message: "a job can be the pickup or the delivery of one shipment only" });
      return;
    }
    if (jobLocked[p] || jobLocked[d]) issues.push({ path: `shipments[${i}]`, message: "jobs of a shipment cannot be locked yet" });
    for (const j of [p, d])
      if (problem.jobs[j].timeWindows.length > 1) issues.push({ path: `jobs[${j}].timeWindows`, message: "a shipment's pickup or delivery takes one time window at most for now" });
    const a = problem.jobs[p].amounts;
    const b = problem.jobs[d].amounts;
    if (a.length !== b.length || a.some((x, k) => x !== b[k]))
      issues.push({ path: `shipments[${i}]`, message: `the delivery unloads what the pickup loads: amounts ${JSON.stringify(b)} of '${s.deliveryJobId}' differ from ${JSON.stringify(a)} of '${s.pickupJobId}'` });
    jobPartner[p] = d;
    jobPartner[d] = p;
    jobDelivers[d] = 1;
  });
  return { jobPartner, jobDelivers };
}

function buildLocks(
  problem: RoutingProblem,
  jobIndex: Map<string, number>,
  vehicleIndex: Map<string, number>,
  issues: InputIssue[],
): { lockedPrefix: number[][]; jobLocked: Uint8Array } {
  const lockedPrefix: number[][] = problem.vehicles.map(() => []);
  const jobLocked = new Uint8Array(problem.jobs.length);
  (problem.locked ?? []).forEach((lock, i) => {
    const v = vehicleIndex.get(lock.vehicleId);
    if (v === undefined) {
      issues.push({ path: `locked[${i}].vehicleId`, message: `unknown vehicle '${lock.vehicleId}'` });
      return;
    }
    if (lockedPrefix[v].length > 0) issues.push({ path: `locked[${i}]`, message: `vehicle '${lock.vehicleId}' is locked twice` });
    lock.jobIds.forEach((id, k) => {
      const j = jobIndex.get(id);
      if (j === undefined) issues.push({ path: `locked[${i}].jobIds[${k}]`, message: `unknown job '${id}'` });
      else if (jobLocked[j]) issues.push({ path: `locked[${i}].jobIds[${k}]`, message: `job '${id}' is locked more than once` });
      else {
        jobLocked[j] = 1;
        lockedPrefix[v].push(j);
      }
    });
  });
  return { lockedPrefix, jobLocked };
}

/** Groups vehicles with identical attributes and no lock, so the search tries one empty vehicle per group. */
function classifyVehicles(problem: RoutingProblem, locked: number[][]): Int32Array {
  const keys = new Map<string, number>();
  const out = new Int32Array(problem.vehicles.length);
  problem.vehicles.forEach((v, i) => {
    const { id: _id, ...rest } = v;
    // an omitted cost term and an explicit 0 are the same vehicle
    const costs = { costUsdPerStop: v.costUsdPerStop ?? 0, minPaidS: v.minPaidS ?? 0 };
    const key = locked[i].length > 0 ? `locked:${i}` : JSON.stringify({ ...rest, ...costs });
    let c = keys.get(key);
    if (c === undefined) {
      c = keys.size;
      keys.set(key, c);
    }
    out[i] = c;
  });
  return out;
}
