// VROOM's problem JSON -> urbanmine's RoutingProblem, plus the context needed to answer in
// VROOM's solution format. Validated once here: schema (zod), then VROOM's own consistency rules,
// then every VROOM feature the engine does not model yet is refused by its JSON path.
import { describeIssues, type InputIssue, type RoutingJob, type RoutingProblem, type RoutingVehicle, UrbanmineError, zodIssues } from "../../domain/index.js";
import { type VroomJob, VroomProblem, type VroomShipment, type VroomShipmentStep, type VroomVehicle } from "./schema.js";
import { checkMatrices, refuseUnsupported, type VroomMatrixSet } from "./vroom-rules.js";

/** VROOM's default profile, and its default cost per hour of travel (one cost unit per second). */
export const DEFAULT_PROFILE = "car";
export const DEFAULT_PER_HOUR = 3600;
/** A vehicle without `time_window` may work at any time VROOM can represent (uint32 seconds). */
export const OPEN_SHIFT_END_S = 4294967295;
const CARRIER = "vroom";

/**
 * VROOM's travel time scale of a vehicle: hundredths of a second per second of the matrix,
 * `round(100 / speed_factor)` (so a speed factor counts to two decimals, as VROOM documents).
 */
export function durationFactor(speedFactor: number | undefined): number {
  return Math.round(100 / (speedFactor ?? 1));
}

/**
 * A VROOM task as read: a job, or one end of a shipment (its `job` then holds that end's place,
 * times and the shipment's skills and priority); its amounts split by direction (one of each
 * pair is 0 in every dimension); `key` is its job id in the RoutingProblem.
 */
export interface VroomTask {
  type: "job" | "pickup" | "delivery";
  key: string;
  job: VroomJob;
  delivery: number[];
  pickup: number[];
}

/** What answering in VROOM's format needs besides the engine's solution. */
export interface VroomContext {
  input: VroomProblem;
  nDims: number;
  /** The matrices of the one profile the vehicles use (VROOM's units: s, m, cost units). */
  matrices: VroomMatrixSet;
  /** Matrix index of each RoutingProblem location. */
  matrixIndex: number[];
  tasks: VroomTask[];
  /** True when a custom `costs` matrix prices the legs (then per_hour and per_km are not used). */
  costMatrix: boolean;
  /** True when any job or vehicle has a time window: VROOM then reports times and costs per whole second. */
  timed: boolean;
}

/**
 * Reads a VROOM problem. Travel time is `durations / speed_factor` (to VROOM's precision); distances are metres
 * (km = m / 1000 in the RoutingProblem); costs are VROOM's integer cost units.
 * @throws UrbanmineError INVALID_INPUT listing every problem with its JSON path, including each
 *   VROOM feature that is not supported yet (vehicle steps, …).
 */
export function fromVroom(raw: unknown): { problem: RoutingProblem; context: VroomContext } {
  const parsed = VroomProblem.safeParse(raw);
  if (!parsed.success) fail(zodIssues(parsed.error));
  const input = parsed.data;
  const issues: InputIssue[] = [];
  refuseUnsupported(input, issues);
  const profile = pickProfile(input.vehicles, issues);
  const matrices = checkMatrices(input, profile, issues);
  const nDims = dimensionCount(input);
  const jobTasks = (input.jobs ?? []).map((job, i) => readTask(job, i, nDims, issues));
  checkDirections(jobTasks, nDims, issues);
  const shipped = (input.shipments ?? []).map((s, i) => readShipment(s, i, nDims, issues));
  checkShipmentDimensions(jobTasks, shipped, nDims, issues);
  const tasks = [...jobTasks, ...shipped.flat()];
  const costMatrix = matrices?.costs !== undefined;
  checkCosts(input.vehicles, matrices, costMatrix, issues);
  uniqueIds(input.jobs ?? [], "jobs", issues);
  uniqueIds((input.shipments ?? []).map((s) => s.pickup), "shipments[].pickup", issues);
  uniqueIds((input.shipments ?? []).map((s) => s.delivery), "shipments[].delivery", issues);
  uniqueIds(input.vehicles, "vehicles", issues);
  if (issues.length > 0 || !matrices) fail(issues);

  const n = matrices.durations.length;
  const used = new Map<number, number>();
  const at = (index: number | undefined, path: string): number | undefined => {
    if (index === undefined) return undefined;
    if (index >= n) {
      issues.push({ path, message: `index ${index} is outside the ${n}×${n} matrices of profile '${profile}'` });
      return 0;
    }
    let k = used.get(index);
    if (k === undefined) used.set(index, (k = used.size));
    return k;
  };
  const jobs: RoutingJob[] = tasks.map(({ type, key, job, delivery, pickup }, i) => {
    const path = type === "job" ? `jobs[${i}]` : `shipments[${Math.floor((i - jobTasks.length) / 2)}].${type}`;
    if (job.location_index === undefined) issues.push({ path: `${path}.location_index`, message: locationMessage(job.location !== undefined) });
    return {
      id: key,
      location: at(job.location_index, `${path}.location_index`) ?? 0,
      serviceS: job.service ?? 0,
      amounts: delivery.map((d, k) => d + pickup[k]),
      timeWindows: (job.time_windows ?? []).map(([a, b]) => [a, b] as [number, number]),
      skills: (job.skills ?? []).map(String),
      priority: job.priority ?? 0,
      ...(job.setup ? { setupS: job.setup } : {}),
    };
  });
  const vehicles = input.vehicles.map((v, i) => readVehicle(v, i, nDims, costMatrix, at, issues));
  if (issues.length > 0) fail(issues);

  const matrixIndex = [...used.keys()];
  const m = matrixIndex.length;
  const durationS = new Float64Array(m * m);
  const distanceKm = new Float64Array(m * m);
  // with a costs matrix the engine's per-km term carries the leg costs (see readVehicle)
  const perKmSource = matrices.costs ?? matrices.distances;
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      durationS[a * m + b] = matrices.durations[matrixIndex[a]][matrixIndex[b]];
      distanceKm[a * m + b] = perKmSource ? perKmSource[matrixIndex[a]][matrixIndex[b]] / (matrices.costs ? 1 : 1000) : 0;
    }
  }
  const problem: RoutingProblem = {
    ...(shipped.length > 0 ? { shipments: shipped.map(([p, d], i) => ({ id: String(i), pickupJobId: p.key, deliveryJobId: d.key })) } : {}),
    locationIds: matrixIndex.map((x) => `index-${x}`),
    durationS,
    distanceKm,
    jobs,
    vehicles,
    dimensions: Array.from({ length: nDims }, (_, d) => `amount[${d}]`),
  };
  const timed = input.vehicles.some((v) => v.time_window !== undefined || (v.breaks ?? []).length > 0) || (input.jobs ?? []).some((j) => (j.time_windows ?? []).length > 0);
  return { problem, context: { input, nDims, matrices, matrixIndex, tasks, costMatrix, timed } };
}

function fail(issues: InputIssue[]): never {
  throw new UrbanmineError("INVALID_INPUT", describeIssues("VROOM problem cannot be solved as given", issues), issues);
}

function locationMessage(hasCoordinates: boolean): string {
  return hasCoordinates
    ? "required: urbanmine has no routing server, so coordinates alone cannot be routed; give the index into `matrices`"
    : "required: the row and column of this place in `matrices`";
}

function pickProfile(vehicles: VroomVehicle[], issues: InputIssue[]): string {
  const profile = vehicles[0].profile ?? DEFAULT_PROFILE;
  vehicles.forEach((v, i) => {
    if ((v.profile ?? DEFAULT_PROFILE) !== profile)
      issues.push({ path: `vehicles[${i}].profile`, message: `profile '${v.profile ?? DEFAULT_PROFILE}' differs from vehicles[0]'s '${profile}': vehicles on several routing profiles are not supported yet` });
  });
  return profile;
}

/** VROOM's amount size: the first capacity, delivery, pickup or amount given. */
function dimensionCount(input: VroomProblem): number {
  for (const v of input.vehicles) if (v.capacity) return v.capacity.length;
  for (const j of input.jobs ?? []) {
    const a = j.delivery ?? j.pickup ?? j.amount;
    if (a) return a.length;
  }
  return 0;
}

function readTask(job: VroomJob, i: number, nDims: number, issues: InputIssue[]): VroomTask {
  const amountCompat = job.amount !== undefined && job.delivery === undefined && job.pickup === undefined;
  const read = (key: "delivery" | "pickup" | "amount"): number[] => {
    const a = job[key];
    if (a === undefined) return new Array<number>(nDims).fill(0);
    if (a.length !== nDims) issues.push({ path: `jobs[${i}].${key}`, message: `has ${a.length} entries; every amount and capacity here has ${nDims}` });
    return Array.from({ length: nDims }, (_, d) => a[d] ?? 0);
  };
  return { type: "job", key: String(job.id), job, delivery: read(amountCompat ? "amount" : "delivery"), pickup: read("pickup") };
}

/**
 * A shipment as its two tasks: the pickup loads `amount`, the delivery unloads it. Their job ids
 * in the RoutingProblem are `pickup-<id>` and `delivery-<id>` (VROOM's ids are integers).
 */
function readShipment(s: VroomShipment, i: number, nDims: number, issues: InputIssue[]): [VroomTask, VroomTask] {
  if (s.amount && s.amount.length !== nDims) issues.push({ path: `shipments[${i}].amount`, message: `has ${s.amount.length} entries; every amount and capacity here has ${nDims}` });
  const amount = Array.from({ length: nDims }, (_, d) => s.amount?.[d] ?? 0);
  const none = new Array<number>(nDims).fill(0);
  const end = (step: VroomShipmentStep): VroomJob => ({ ...step, skills: s.skills, priority: s.priority });
  return [
    { type: "pickup", key: `pickup-${s.pickup.id}`, job: end(s.pickup), delivery: none, pickup: amount },
    { type: "delivery", key: `delivery-${s.delivery.id}`, job: end(s.delivery), delivery: amount, pickup: none },
  ];
}

/**
 * Jobs' deliveries are on board from the start, which the engine counts as a sum; a shipment in
 * the same dimension would rise and fall on top of that, which the sum does not price.
 */
function checkShipmentDimensions(jobs: VroomTask[], shipped: Array<[VroomTask, VroomTask]>, nDims: number, issues: InputIssue[]): void {
  for (let d = 0; d < nDims; d++) {
    const del = jobs.findIndex((t) => t.delivery[d] > 0);
    const ship = shipped.findIndex(([p]) => p.pickup[d] > 0);
    if (del >= 0 && ship >= 0)
      issues.push({ path: `shipments[${ship}].amount[${d}]`, message: `dimension ${d} is delivered by jobs[${del}] (on board from the start): shipments in the same dimension are not supported yet (give them a dimension of their own)` });
  }
}

/**
 * The engine sums a route's amounts per dimension, which is exact when a dimension is only
 * delivered (load falls from the start) or only picked up (load grows to the end).
 */
function checkDirections(tasks: VroomTask[], nDims: number, issues: InputIssue[]): void {
  for (let d = 0; d < nDims; d++) {
    const del = tasks.findIndex((t) => t.delivery[d] > 0);
    const pick = tasks.findIndex((t) => t.pickup[d] > 0);
    if (del < 0 || pick < 0) continue;
    issues.push({
      path: `jobs[${pick}].pickup[${d}]`,
      message: `dimension ${d} is picked up here and delivered at jobs[${del}]: deliveries and pickups in the same capacity dimension are not supported yet (give them separate dimensions)`,
    });
  }
}

function checkCosts(vehicles: VroomVehicle[], matrices: VroomMatrixSet | null, costMatrix: boolean, issues: InputIssue[]): void {
  vehicles.forEach((v, i) => {
    const p = `vehicles[${i}]`;
    if (costMatrix) {
      if (v.costs?.per_hour !== undefined && v.costs.per_hour !== DEFAULT_PER_HOUR)
        issues.push({ path: `${p}.costs.per_hour`, message: "a custom per_hour cost contradicts the custom `costs` matrix (VROOM refuses this too)" });
      if (v.costs?.per_km) issues.push({ path: `${p}.costs.per_km`, message: "per_km with a custom `costs` matrix is not supported: the matrix prices every leg" });
      if (v.max_distance !== undefined) issues.push({ path: `${p}.max_distance`, message: "max_distance together with a custom `costs` matrix is not supported yet" });
    } else if (matrices && !matrices.distances) {
      if (v.costs?.per_km) issues.push({ path: `${p}.costs.per_km`, message: "per_km needs a `distances` matrix (urbanmine has no routing server to ask)" });
      if (v.max_distance !== undefined) issues.push({ path: `${p}.max_distance`, message: "max_distance needs a `distances` matrix (urbanmine has no routing server to ask)" });
    }
  });
}

function uniqueIds(list: Array<{ id: number }>, key: string, issues: InputIssue[]): void {
  const seen = new Map<number, number>();
  list.forEach((x, i) => {
    const first = seen.get(x.id);
    if (first !== undefined) issues.push({ path: `${key}[${i}].id`, message: `duplicate id ${x.id} (also ${key}[${first}])` });
    else seen.set(x.id, i);
  });
}

function readVehicle(
  v: VroomVehicle,
  i: number,
  nDims: number,
  costMatrix: boolean,
  at: (index: number | undefined, path: string) => number | undefined,
  issues: InputIssue[],
): RoutingVehicle {
  const p = `vehicles[${i}]`;
  if (v.start_index === undefined && v.start !== undefined) issues.push({ path: `${p}.start_index`, message: locationMessage(true) });
  if (v.end_index === undefined && v.end !== undefined) issues.push({ path: `${p}.end_index`, message: locationMessage(true) });
  if (v.start === undefined && v.start_index === undefined && v.end === undefined && v.end_index === undefined)
    issues.push({ path: p, message: "a vehicle needs a start, an end or both" });
  if (v.capacity && v.capacity.length !== nDims) issues.push({ path: `${p}.capacity`, message: `has ${v.capacity.length} entries; every amount and capacity here has ${nDims}` });
  const capacity = Array.from({ length: nDims }, (_, d) => v.capacity?.[d] ?? 0);
  const out: RoutingVehicle = {
    id: String(v.id),
    carrierId: CARRIER,
    start: at(v.start_index, `${p}.start_index`),
    end: at(v.end_index, `${p}.end_index`),
    capacity,
    skills: (v.skills ?? []).map(String),
    shift: v.time_window ? [v.time_window[0], v.time_window[1]] : [0, OPEN_SHIFT_END_S],
    fixedCostUsd: v.costs?.fixed ?? 0,
    // per_hour prices the whole working time in the engine (travel, service and waiting from
    // the latest feasible departure); VROOM prices travel only. The reported cost is VROOM's.
    costUsdPerHour: costMatrix ? 0 : (v.costs?.per_hour ?? DEFAULT_PER_HOUR),
    costUsdPerKm: costMatrix ? 1 : (v.costs?.per_km ?? 0),
    // travel = durations × round(100 / speed_factor) / 100, exactly as VROOM times it
    speedFactor: 100 / durationFactor(v.speed_factor),
    co2KgPerKm: 0,
    unloadLocations: [],
    unloadS: 0,
    maxTrips: 1,
  };
  if (v.max_tasks !== undefined) out.maxTasks = v.max_tasks;
  if ((v.breaks ?? []).length > 0) {
    uniqueIds(v.breaks ?? [], `${p}.breaks`, issues);
    out.breaks = (v.breaks ?? []).map((b) => ({ id: String(b.id), timeWindows: (b.time_windows ?? []).map(([a, z]) => [a, z] as [number, number]), serviceS: b.service ?? 0 }));
  }
  if (v.max_distance !== undefined) out.maxDistanceKm = v.max_distance / 1000;
  return out;
}
