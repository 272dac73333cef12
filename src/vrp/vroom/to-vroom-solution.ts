// urbanmine's RoutingSolution -> VROOM's solution JSON: steps with arrival, cumulative travel
// time and distance, waiting, load after the step (deliveries loaded at the start, pickups
// brought back), and every cost in VROOM's convention, recomputed from the input's matrices.
import type { RouteStep, RoutingRoute, RoutingSolution } from "../../domain/index.js";
import type { VroomRoute, VroomSolution, VroomStep, VroomUnassigned } from "./schema.js";
import { DEFAULT_PER_HOUR, type VroomContext, type VroomTask } from "./to-routing.js";

/** Milliseconds spent reading the problem and solving it. */
export interface VroomTimes {
  loadingMs: number;
  solvingMs: number;
}

/**
 * The solution in VROOM's format (code 0). Arrival and waiting times are whole seconds
 * (rounded); travel time per leg is `durations / speed_factor`.
 * @throws Error when the solution names a vehicle or job the context does not know (internal).
 */
export function toVroomSolution(ctx: VroomContext, sol: RoutingSolution, times: VroomTimes): VroomSolution {
  const vehicleIndex = new Map(ctx.input.vehicles.map((v, i) => [String(v.id), i]));
  const taskById = new Map(ctx.tasks.map((t) => [String(t.job.id), t]));
  const routes = [...sol.routes]
    .sort((a, b) => (vehicleIndex.get(a.vehicleId) ?? 0) - (vehicleIndex.get(b.vehicleId) ?? 0))
    .map((r) => toRoute(ctx, r, vehicleIndex, taskById));
  const unassigned: VroomUnassigned[] = sol.unassigned.map((u) => {
    const t = taskById.get(u.jobId);
    if (!t) throw new Error(`internal: unassigned job '${u.jobId}' is not in the VROOM problem`);
    return { id: t.job.id, type: "job", ...describe(t), reason: u.reason };
  });
  const sum = (f: (r: VroomRoute) => number): number => routes.reduce((a, r) => a + f(r), 0);
  const sumAmounts = (f: (r: VroomRoute) => number[] | undefined): number[] =>
    Array.from({ length: ctx.nDims }, (_, d) => routes.reduce((a, r) => a + (f(r)?.[d] ?? 0), 0));
  const summary: NonNullable<VroomSolution["summary"]> = {
    cost: sum((r) => r.cost),
    routes: routes.length,
    unassigned: unassigned.length,
    setup: 0,
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
  const speed = v.speed_factor ?? 1;
  const jobSteps = route.steps.filter((s) => s.type === "job");
  if (jobSteps.length + route.steps.filter((s) => s.type === "start" || s.type === "end").length !== route.steps.length)
    throw new Error(`internal: route of vehicle ${v.id} has steps VROOM's format cannot express`);
  const tasks = jobSteps.map((s) => {
    const t = s.jobId === undefined ? undefined : taskById.get(s.jobId);
    if (!t) throw new Error(`internal: job '${s.jobId}' is not in the VROOM problem`);
    return t;
  });
  const load = Array.from({ length: ctx.nDims }, (_, d) => tasks.reduce((a, t) => a + t.delivery[d], 0));
  const steps: VroomStep[] = [];
  let travelS = 0;
  let metres = 0;
  let prevIndex: number | undefined;
  const arrive = (index: number | undefined): void => {
    if (prevIndex !== undefined && index !== undefined) {
      travelS += ctx.matrices.durations[prevIndex][index] / speed;
      metres += ctx.matrices.distances?.[prevIndex][index] ?? 0;
    }
    if (index !== undefined) prevIndex = index;
  };
  const push = (type: VroomStep["type"], s: RouteStep, index: number | undefined, extra: Partial<VroomStep>): void => {
    const start = Math.round(s.arrivalS + s.waitingS);
    const arrival = Math.round(s.arrivalS);
    const step: VroomStep = { type, ...extra, arrival, duration: Math.round(travelS), setup: 0, service: 0, waiting_time: start - arrival, violations: [] };
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
  push("start", first.type === "start" ? first : { ...first, waitingS: 0 }, startIndex, v.start ? { location: v.start } : {});
  jobSteps.forEach((s, k) => {
    const t = tasks[k];
    arrive(t.job.location_index);
    t.delivery.forEach((x, d) => (load[d] += t.pickup[d] - x));
    push("job", s, t.job.location_index, { id: t.job.id, ...describe(t) });
    steps[steps.length - 1].service = Math.round(s.serviceS);
  });
  const endIndex = last.type === "end" ? v.end_index : tasks[tasks.length - 1].job.location_index;
  if (last.type === "end") arrive(endIndex);
  const endStep: RouteStep = last.type === "end" ? last : { ...last, arrivalS: last.departureS, waitingS: 0 };
  push("end", endStep, endIndex, v.end ? { location: v.end } : {});

  const duration = Math.round(travelS);
  const out: VroomRoute = {
    vehicle: v.id,
    cost: (v.costs?.fixed ?? 0) + travelCost(ctx, v.costs, duration, metres, steps),
    setup: 0,
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

/** VROOM's travel cost of a route: the costs matrix summed over the legs, or per_hour × travel + per_km × distance, rounded. */
function travelCost(ctx: VroomContext, costs: { per_hour?: number; per_km?: number } | undefined, travelS: number, metres: number, steps: VroomStep[]): number {
  const cm = ctx.matrices.costs;
  if (cm) {
    let c = 0;
    for (let k = 1; k < steps.length; k++) c += cm[steps[k - 1].location_index ?? 0][steps[k].location_index ?? 0];
    return c;
  }
  return Math.round((travelS * (costs?.per_hour ?? DEFAULT_PER_HOUR)) / 3600 + (metres * (costs?.per_km ?? 0)) / 1000);
}
