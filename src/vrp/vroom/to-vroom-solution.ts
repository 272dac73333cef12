// urbanmine's RoutingSolution -> VROOM's solution JSON: steps with arrival, cumulative travel
// time and distance, waiting, load after the step (deliveries loaded at the start, pickups
// brought back), and every cost in VROOM's convention, recomputed from the input's matrices.
import type { RouteStep, RoutingRoute, RoutingSolution } from "../../domain/index.js";
import type { VroomRoute, VroomSolution, VroomStep, VroomUnassigned } from "./schema.js";
import { DEFAULT_PER_HOUR, durationFactor, type VroomContext, type VroomTask } from "./to-routing.js";

/** Milliseconds spent reading the problem and solving it. */
export interface VroomTimes {
  loadingMs: number;
  solvingMs: number;
}

/**
 * The solution in VROOM's format (code 0). Times are whole seconds, truncated as VROOM does
 * (it times in hundredths of a second); costs are VROOM's integer costs, truncated likewise.
 * @throws Error when the solution names a vehicle or job the context does not know (internal).
 */
export function toVroomSolution(ctx: VroomContext, sol: RoutingSolution, times: VroomTimes): VroomSolution {
  const vehicleIndex = new Map(ctx.input.vehicles.map((v, i) => [String(v.id), i]));
  const taskById = new Map(ctx.tasks.map((t) => [t.key, t]));
  const routes = [...sol.routes]
    .sort((a, b) => (vehicleIndex.get(a.vehicleId) ?? 0) - (vehicleIndex.get(b.vehicleId) ?? 0))
    .map((r) => toRoute(ctx, r, vehicleIndex, taskById));
  const unassigned: VroomUnassigned[] = sol.unassigned.map((u) => {
    const t = taskById.get(u.jobId);
    if (!t) throw new Error(`internal: unassigned job '${u.jobId}' is not in the VROOM problem`);
    return { id: t.job.id, type: t.type, ...describe(t), reason: u.reason };
  });
  const sum = (f: (r: VroomRoute) => number): number => routes.reduce((a, r) => a + f(r), 0);
  const sumAmounts = (f: (r: VroomRoute) => number[] | undefined): number[] =>
    Array.from({ length: ctx.nDims }, (_, d) => routes.reduce((a, r) => a + (f(r)?.[d] ?? 0), 0));
  const summary: NonNullable<VroomSolution["summary"]> = {
    cost: sum((r) => r.cost),
    routes: routes.length,
    unassigned: unassigned.length,
    setup: sum((r) => r.setup),
    service: sum((r) => r.service),
    duration: sum((r) => r.duration),
    waiting_time: sum((r) => r.waiting_time),
    priority: sum((r) => r.priority),
    violations: [],
    computing_times: { loading: Math.round(times.loadingMs), solving: Math.round(times.solvingMs), routing: 0 },
  };
  if (ctx.nDims > 0) {
    summary.delivery = sumAmounts((r) => r.delivery);
    summary.pickup = sumAmounts((r) => r.pickup);
  }
  if (ctx.matrices.distances) summary.distance = sum((r) => r.distance ?? 0);
  return { code: 0, summary, unassigned, routes };
}

function describe(t: VroomTask): Pick<VroomStep, "description" | "location" | "location_index"> {
  const out: Pick<VroomStep, "description" | "location" | "location_index"> = {};
  if (t.job.description !== undefined) out.description = t.job.description;
  if (t.job.location !== undefined) out.location = t.job.location;
  if (t.job.location_index !== undefined) out.location_index = t.job.location_index;
  return out;
}

function toRoute(ctx: VroomContext, route: RoutingRoute, vehicleIndex: Map<string, number>, taskById: Map<string, VroomTask>): VroomRoute {
  const vi = vehicleIndex.get(route.vehicleId);
  if (vi === undefined) throw new Error(`internal: vehicle '${route.vehicleId}' is not in the VROOM problem`);
  const v = ctx.input.vehicles[vi];
  const factor = durationFactor(v.speed_factor);
  const jobSteps = route.steps.filter((s) => s.type === "job");
  if (route.steps.some((s) => s.type === "unload")) throw new Error(`internal: route of vehicle ${v.id} has steps VROOM's format cannot express`);
  const tasks = jobSteps.map((s) => {
    const t = s.jobId === undefined ? undefined : taskById.get(s.jobId);
    if (!t) throw new Error(`internal: job '${s.jobId}' is not in the VROOM problem`);
    return t;
  });
  // jobs' deliveries are on board from the start; a shipment's only between its pickup and delivery
  const load = Array.from({ length: ctx.nDims }, (_, d) => tasks.reduce((a, t) => a + (t.type === "job" ? t.delivery[d] : 0), 0));
  const steps: VroomStep[] = [];
  /** Matrix seconds travelled, and the same in VROOM's hundredths of a second. */
  let matrixS = 0;
  let travel100 = 0;
  let metres = 0;
  let prevIndex: number | undefined;
  // with time windows VROOM counts travel time in whole seconds between reported times
  let userTravelS = 0;
  let prevEnd: number | undefined;
  const arrive = (index: number | undefined): void => {
    if (prevIndex !== undefined && index !== undefined) {
      matrixS += ctx.matrices.durations[prevIndex][index];
      travel100 += ctx.matrices.durations[prevIndex][index] * factor;
      metres += ctx.matrices.distances?.[prevIndex][index] ?? 0;
    }
    if (index !== undefined) prevIndex = index;
  };
  const push = (type: VroomStep["type"], s: RouteStep, index: number | undefined, service: number, extra: Partial<VroomStep>): void => {
    // the engine's times are exact up to float noise (and a 1e-7 s safety margin)
    const start = Math.floor(s.arrivalS + s.waitingS + 1e-6);
    const arrival = Math.floor(s.arrivalS + 1e-6);
    if (prevEnd !== undefined) userTravelS += arrival - prevEnd;
    const setup = Math.round(s.setupS ?? 0);
    prevEnd = start + setup + service;
    const duration = ctx.timed ? userTravelS : Math.floor(travel100 / 100);
    const step: VroomStep = { type, ...extra, arrival, duration, setup, service, waiting_time: start - arrival, violations: [] };
    if (index !== undefined && step.location_index === undefined) step.location_index = index;
    if (ctx.nDims > 0) step.load = [...load];
    if (ctx.matrices.distances) step.distance = metres;
    steps.push(step);
  };
  const first = route.steps[0];
  const last = route.steps[route.steps.length - 1];
  // an open start (end) is VROOM's start (end) step at the first (last) job's place
  const startIndex = first.type === "start" ? v.start_index : tasks[0].job.location_index;
  if (first.type === "start") arrive(startIndex);
  push("start", first.type === "start" ? first : { ...first, waitingS: 0, setupS: 0 }, startIndex, 0, v.start ? { location: v.start } : {});
  let k = 0;
  for (const s of route.steps.slice(first.type === "start" ? 1 : 0, last.type === "end" ? -1 : undefined)) {
    if (s.type === "break") {
      // taken where the vehicle is: no location of its own, no travel
      push("break", s, undefined, Math.round(s.serviceS), { id: Number(s.breakId) });
      continue;
    }
    const t = tasks[k++];
    arrive(t.job.location_index);
    t.delivery.forEach((x, d) => (load[d] += t.pickup[d] - x));
    push(t.type, s, t.job.location_index, Math.round(s.serviceS), { id: t.job.id, ...describe(t) });
  }
  const endIndex = last.type === "end" ? v.end_index : tasks[tasks.length - 1].job.location_index;
  if (last.type === "end") arrive(endIndex);
  const endStep: RouteStep = last.type === "end" ? last : { ...last, arrivalS: last.departureS, waitingS: 0, setupS: 0 };
  push("end", endStep, endIndex, 0, v.end ? { location: v.end } : {});

  const duration = steps[steps.length - 1].duration;
  const out: VroomRoute = {
    vehicle: v.id,
    cost: (v.costs?.fixed ?? 0) + travelCost(ctx, v, matrixS, duration, metres, steps.filter((x) => x.type !== "break")),
    setup: steps.reduce((a, s) => a + s.setup, 0),
    service: steps.reduce((a, s) => a + s.service, 0),
    duration,
    waiting_time: steps.reduce((a, s) => a + s.waiting_time, 0),
    priority: tasks.reduce((a, t) => a + (t.job.priority ?? 0), 0),
    steps,
    violations: [],
  };
  if (v.description !== undefined) out.description = v.description;
  if (ctx.nDims > 0) {
    out.delivery = Array.from({ length: ctx.nDims }, (_, d) => tasks.reduce((a, t) => a + t.delivery[d], 0));
    out.pickup = Array.from({ length: ctx.nDims }, (_, d) => tasks.reduce((a, t) => a + t.pickup[d], 0));
  }
  if (ctx.matrices.distances) out.distance = metres;
  return out;
}

/**
 * VROOM's travel cost of a route: the costs matrix summed over the legs; else, with time windows,
 * round(travel_s × per_hour / 3600 + metres × per_km / 1000) on the reported travel time; without,
 * in VROOM's internal units (hundredths of a second, 360 per metre) round(100 × per_hour /
 * speed_factor) × matrix seconds + 360 × per_km × metres, over 360,000 and truncated.
 */
function travelCost(ctx: VroomContext, v: VroomContext["input"]["vehicles"][number], matrixS: number, travelS: number, metres: number, steps: VroomStep[]): number {
  const cm = ctx.matrices.costs;
  if (cm) {
    let c = 0;
    // an open start or end adds no leg
    const first = v.start_index === undefined ? 2 : 1;
    const last = v.end_index === undefined ? steps.length - 2 : steps.length - 1;
    for (let k = first; k <= last; k++) c += cm[steps[k - 1].location_index ?? 0][steps[k].location_index ?? 0];
    return c;
  }
  const perHour = v.costs?.per_hour ?? DEFAULT_PER_HOUR;
  const perKm = v.costs?.per_km ?? 0;
  if (ctx.timed) return Math.round((travelS * perHour) / 3600 + (metres * perKm) / 1000);
  return Math.floor((Math.round((100 * perHour) / (v.speed_factor ?? 1)) * matrixS + 360 * perKm * metres) / 360000);
}
