// Independent checker of a routing solution: re-derives every time, load, distance and cost
// from the problem and the reported steps, without any code of the search. Used on every
// solution in tests and before the pipeline trusts a plan.
import type { RouteStep, RoutingProblem, RoutingRoute, RoutingSolution, RoutingVehicle } from "../domain/index.js";

const TOL = 1e-5;
const REASONS = new Set(["capacity", "time-window", "skills", "shift", "max-distance", "max-duration", "unreachable", "no-vehicle", "not-profitable"]);

/** Result of {@link checkRouting}: `costUsd` is recomputed from the problem and the steps. */
export interface RoutingCheck {
  ok: boolean;
  errors: string[];
  costUsd: number;
}

/** Checks `solution` against `problem`: every constraint of the model, and every reported figure. Never throws. */
export function checkRouting(problem: RoutingProblem, solution: RoutingSolution): RoutingCheck {
  const errors: string[] = [];
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  const vehicles = new Map(problem.vehicles.map((v) => [v.id, v]));
  const seen = new Map<string, string>();
  const mark = (id: string, where: string): void => {
    if (!jobs.has(id)) errors.push(`${where}: unknown job '${id}'`);
    else if (seen.has(id)) errors.push(`${where}: job '${id}' also appears in ${seen.get(id)}`);
    else seen.set(id, where);
  };
  let costUsd = 0;
  let distanceKm = 0;
  const usedVehicles = new Set<string>();
  solution.routes.forEach((route, r) => {
    const where = `routes[${r}]`;
    const v = vehicles.get(route.vehicleId);
    if (!v) {
      errors.push(`${where}: unknown vehicle '${route.vehicleId}'`);
      return;
    }
    if (usedVehicles.has(v.id)) errors.push(`${where}: vehicle '${v.id}' has two routes`);
    usedVehicles.add(v.id);
    if (route.carrierId !== v.carrierId) errors.push(`${where}: carrier '${route.carrierId}' but vehicle belongs to '${v.carrierId}'`);
    for (const s of route.steps) if (s.type === "job" && s.jobId !== undefined) mark(s.jobId, where);
    const c = checkRoute(problem, v, route, where, errors);
    costUsd += c.costUsd;
    distanceKm += c.distanceKm;
  });
  solution.unassigned.forEach((u, i) => {
    mark(u.jobId, `unassigned[${i}]`);
    if (!REASONS.has(u.reason)) errors.push(`unassigned[${i}]: unknown reason '${u.reason}'`);
  });
  for (const id of jobs.keys()) if (!seen.has(id)) errors.push(`job '${id}' is neither served nor unassigned`);
  for (const lock of problem.locked ?? []) {
    const route = solution.routes.find((x) => x.vehicleId === lock.vehicleId);
    const ids = route ? route.steps.filter((s) => s.type === "job").map((s) => s.jobId) : [];
    lock.jobIds.forEach((id, k) => {
      if (ids[k] !== id) errors.push(`locked route of '${lock.vehicleId}': position ${k} should be '${id}', found '${ids[k] ?? "nothing"}'`);
    });
  }
  checkShipments(problem, solution, errors);
  if (!near(costUsd, solution.costUsd)) errors.push(`total cost ${solution.costUsd} but routes add up to ${costUsd}`);
  if (!near(distanceKm, solution.distanceKm)) errors.push(`total distance ${solution.distanceKm} but routes add up to ${distanceKm}`);
  return { ok: errors.length === 0, errors, costUsd };
}

/**
 * Each shipment: pickup and delivery on one route, pickup first, with no unload between them
 * (what is on board for a delivery is not unloaded at a hub on the way), or both unassigned.
 */
function checkShipments(problem: RoutingProblem, solution: RoutingSolution, errors: string[]): void {
  /** route, step and trip (unloads before it) of each job served */
  const where = new Map<string, [number, number, number]>();
  solution.routes.forEach((r, ri) => {
    let trip = 0;
    r.steps.forEach((s, k) => {
      if (s.type === "unload") trip++;
      if (s.type === "job" && s.jobId !== undefined) where.set(s.jobId, [ri, k, trip]);
    });
  });
  (problem.shipments ?? []).forEach((sh, i) => {
    const p = where.get(sh.pickupJobId);
    const d = where.get(sh.deliveryJobId);
    if (!p && !d) return;
    if (!p || !d) errors.push(`shipments[${i}] '${sh.id}': ${p ? "pickup served, delivery not" : "delivery served, pickup not"}`);
    else if (p[0] !== d[0]) errors.push(`shipments[${i}] '${sh.id}': pickup on routes[${p[0]}], delivery on routes[${d[0]}]`);
    else if (p[1] > d[1]) errors.push(`shipments[${i}] '${sh.id}': delivered (step ${d[1]}) before it is picked up (step ${p[1]})`);
    else if (p[2] !== d[2]) errors.push(`shipments[${i}] '${sh.id}': an unload between its pickup (step ${p[1]}) and its delivery (step ${d[1]}); both belong to one trip`);
  });
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= TOL * Math.max(1, Math.abs(a), Math.abs(b));
}

function checkRoute(problem: RoutingProblem, v: RoutingVehicle, route: RoutingRoute, where: string, errors: string[]): { costUsd: number; distanceKm: number } {
  const n = problem.locationIds.length;
  const steps = route.steps;
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  const err = (k: number, msg: string): void => {
    errors.push(`${where}.steps[${k}]: ${msg}`);
  };
  if (steps.length === 0) {
    errors.push(`${where}: no steps`);
    return { costUsd: 0, distanceKm: 0 };
  }
  const hasStart = v.start !== undefined;
  const hasEnd = v.end !== undefined;
  if (hasStart && (steps[0].type !== "start" || steps[0].location !== v.start)) err(0, `must be a start at location ${v.start}`);
  if (hasEnd && (steps[steps.length - 1].type !== "end" || steps[steps.length - 1].location !== v.end))
    err(steps.length - 1, `must be an end at location ${v.end}`);
  const load = v.capacity.map((_, d) => v.initialLoad?.[d] ?? 0);
  let km = 0;
  let tasks = 0;
  let trips = 1;
  let prev: RouteStep | null = null;
  const vSkills = new Set(v.skills);
  const breaksTaken = new Set<string>();
  const deliveries = new Set((problem.shipments ?? []).map((x) => x.deliveryJobId));
  // incompatible tags hold per trip: an unload empties the vehicle
  let tagsOnBoard = new Map<string, string>();
  const checkTags = (k: number): void => {
    for (const [a, b] of problem.incompatibleTags ?? [])
      if (tagsOnBoard.has(a) && tagsOnBoard.has(b))
        errors.push(`${where}: job '${tagsOnBoard.get(a)}' (${a}) and job '${tagsOnBoard.get(b)}' (${b}) may not share a vehicle (trip ending at step ${k})`);
  };
  steps.forEach((s, k) => {
    const mid = k > 0 && k < steps.length - 1;
    if (s.type === "start" && k !== 0) err(k, "a start step must come first");
    if (s.type === "end" && k !== steps.length - 1) err(k, "an end step must come last");
    if (!mid && (s.type === "job" || s.type === "unload") && ((k === 0 && hasStart) || (k === steps.length - 1 && hasEnd)))
      err(k, `${s.type} where the vehicle's ${k === 0 ? "start" : "end"} belongs`);
    if (s.type === "start" && s.departureS < v.shift[0] - TOL) err(k, `leaves at ${s.departureS}, before the shift starts (${v.shift[0]})`);
    if (prev) {
      const leg = prev.location * n + s.location;
      const travel = problem.durationS[leg] / v.speedFactor;
      km += problem.distanceKm[leg];
      if (!Number.isFinite(travel) || !Number.isFinite(problem.distanceKm[leg])) err(k, `location ${s.location} is unreachable from ${prev.location}`);
      if (!near(s.arrivalS, prev.departureS + travel)) err(k, `arrives at ${s.arrivalS}; leaving at ${prev.departureS} plus ${travel} s of travel gives ${prev.departureS + travel}`);
    } else if (s.arrivalS < v.shift[0] - TOL) err(k, `first arrival ${s.arrivalS} is before the shift starts (${v.shift[0]})`);
    if (!near(s.distanceKm, km)) err(k, `cumulative distance ${s.distanceKm} km, recomputed ${km} km`);
    if (s.waitingS < -TOL) err(k, `negative waiting ${s.waitingS}`);
    const begin = s.arrivalS + s.waitingS;
    const setup = s.setupS ?? 0;
    if (!near(s.departureS, begin + setup + s.serviceS)) err(k, `departure ${s.departureS} != arrival + waiting + setup + service (${begin + setup + s.serviceS})`);
    if (s.type === "break") {
      const b = v.breaks?.find((x) => x.id === s.breakId);
      if (!b) err(k, `break '${s.breakId}' is not a break of vehicle '${v.id}'`);
      else {
        if (breaksTaken.has(b.id)) err(k, `break '${b.id}' is taken twice`);
        breaksTaken.add(b.id);
        if (!near(s.serviceS, b.serviceS)) err(k, `break '${b.id}' lasts ${s.serviceS} s, expected ${b.serviceS} s`);
        if (b.timeWindows.length > 0 && !b.timeWindows.some(([a, e]) => begin >= a - TOL && begin <= e + TOL))
          err(k, `break '${b.id}' starts at ${begin}, outside its windows ${JSON.stringify(b.timeWindows)}`);
      }
      if (!prev || (prev as RouteStep).location !== s.location) err(k, "a break is taken where the previous step left the vehicle");
      if (!mid) err(k, "a break must come between the start and the end");
    }
    if (s.type === "job") {
      const job = s.jobId === undefined ? undefined : jobs.get(s.jobId);
      if (!job) return;
      tasks++;
      if (s.location !== job.location) err(k, `job '${job.id}' is at location ${job.location}, step says ${s.location}`);
      if (!near(s.serviceS, job.serviceS)) err(k, `service ${s.serviceS} s, job '${job.id}' needs ${job.serviceS} s`);
      // setup is paid when the vehicle comes from another location (the first stop of an open start too)
      const fresh = !prev || (prev as RouteStep).location !== job.location;
      const wantSetup = fresh ? (job.setupS ?? 0) : 0;
      if (!near(setup, wantSetup)) err(k, `setup ${setup} s, job '${job.id}' needs ${wantSetup} s here`);
      for (const t of job.tags ?? []) tagsOnBoard.set(t, job.id);
      if (job.timeWindows.length > 0 && !job.timeWindows.some(([a, b]) => begin >= a - TOL && begin <= b + TOL))
        err(k, `service of '${job.id}' starts at ${begin}, outside its windows ${JSON.stringify(job.timeWindows)}`);
      const missing = job.skills.filter((x) => !vSkills.has(x));
      if (missing.length > 0) err(k, `job '${job.id}' needs skills ${missing.join(", ")} that vehicle '${v.id}' lacks`);
      if (job.carrierId !== undefined && job.carrierId !== v.carrierId) err(k, `job '${job.id}' is reserved for carrier '${job.carrierId}'`);
      // a shipment's delivery unloads what its pickup loaded
      const sign = deliveries.has(job.id) ? -1 : 1;
      job.amounts.forEach((a, d) => (load[d] += sign * a));
    } else if (s.type === "unload") {
      trips++;
      checkTags(k);
      tagsOnBoard = new Map();
      if (!v.unloadLocations.includes(s.location)) err(k, `unload at location ${s.location}, not one of ${JSON.stringify(v.unloadLocations)}`);
      if (!near(s.serviceS, v.unloadS)) err(k, `unload takes ${s.serviceS} s, vehicle needs ${v.unloadS} s`);
      load.fill(0);
    }
    load.forEach((x, d) => {
      if (!near(s.load[d] ?? NaN, x)) err(k, `load[${d}] reported ${s.load[d]}, recomputed ${x}`);
      if (x > v.capacity[d] + TOL) err(k, `load ${x} ${problem.dimensions[d] ?? ""} exceeds capacity ${v.capacity[d]}`);
    });
    prev = s;
  });
  const first = steps[0];
  const last = steps[steps.length - 1];
  const durationS = last.departureS - first.arrivalS;
  if (last.departureS > v.shift[1] + TOL) errors.push(`${where}: ends at ${last.departureS}, after the shift ends (${v.shift[1]})`);
  if (tasks > (v.maxTasks ?? Infinity)) errors.push(`${where}: ${tasks} jobs, maxTasks is ${v.maxTasks}`);
  if (trips > v.maxTrips) errors.push(`${where}: ${trips} trips, maxTrips is ${v.maxTrips}`);
  if (tasks === 0) errors.push(`${where}: a route without jobs should be left out`);
  for (const b of v.breaks ?? []) if (!breaksTaken.has(b.id)) errors.push(`${where}: vehicle '${v.id}' does not take its break '${b.id}'`);
  checkTags(steps.length - 1);
  if (km > (v.maxDistanceKm ?? Infinity) + TOL) errors.push(`${where}: ${km} km, maxDistanceKm is ${v.maxDistanceKm}`);
  if (durationS > (v.maxDurationS ?? Infinity) + TOL) errors.push(`${where}: lasts ${durationS} s, maxDurationS is ${v.maxDurationS}`);
  if (!near(route.distanceKm, km)) errors.push(`${where}: distance ${route.distanceKm} km, recomputed ${km} km`);
  if (!near(route.durationS, durationS)) errors.push(`${where}: duration ${route.durationS} s, recomputed ${durationS} s`);
  // time is paid for at least the vehicle's minimum; each job served is paid as a stop
  const paidS = Math.max(durationS, v.minPaidS ?? 0);
  const costUsd = v.fixedCostUsd + (v.costUsdPerStop ?? 0) * tasks + v.costUsdPerKm * km + (v.costUsdPerHour * paidS) / 3600;
  if (!near(route.costUsd, costUsd)) errors.push(`${where}: cost ${route.costUsd} USD, recomputed ${costUsd} USD`);
  if (!near(route.co2Kg, km * v.co2KgPerKm)) errors.push(`${where}: CO2 ${route.co2Kg} kg, recomputed ${km * v.co2KgPerKm} kg`);
  return { costUsd, distanceKm: km };
}
