// Turns the search's solution into the reported RoutingSolution: per-step arrival, waiting,
// service, departure, load and cumulative km; per-route distance, duration, cost and CO2.
import type { RouteStep, RoutingRoute, RoutingSolution, Unassigned } from "../domain/index.js";
import type { ProblemData } from "./data.js";
import { routeCostUsd } from "./route-cost.js";
import type { RouteEvaluator, StepSink } from "./route-eval.js";
import type { Solution } from "./solution.js";

/** Builds the reported solution; costs are recomputed from the reported times and distances. */
export function buildSolution(
  data: ProblemData,
  ev: RouteEvaluator,
  sol: Solution,
  unassigned: Unassigned[],
  stats: RoutingSolution["stats"],
): RoutingSolution {
  const p = data.problem;
  const routes: RoutingRoute[] = [];
  for (let v = 0; v < data.nVehicles; v++) {
    const seq = sol.routes[v];
    if (seq.length === 0) continue;
    const steps: RouteStep[] = [];
    const sink: StepSink = {
      step(kind, ref, location, arrivalS, waitingS, serviceS, departureS, load, distanceKm) {
        const s: RouteStep = { type: kind, location, arrivalS, waitingS, serviceS, departureS, load: Array.from(load), distanceKm };
        if (kind === "job") s.jobId = p.jobs[ref].id;
        steps.push(s);
      },
    };
    if (ev.report(v, seq, seq.length, sink) === Infinity) throw new Error(`internal: route of vehicle ${p.vehicles[v].id} became infeasible`);
    const veh = p.vehicles[v];
    const first = steps[0];
    const last = steps[steps.length - 1];
    const distanceKm = last.distanceKm;
    const durationS = last.departureS - first.arrivalS;
    const costUsd = routeCostUsd(data, v, seq.length, distanceKm, durationS);
    routes.push({ vehicleId: veh.id, carrierId: veh.carrierId, steps, distanceKm, durationS, costUsd, co2Kg: distanceKm * veh.co2KgPerKm });
  }
  return {
    routes,
    unassigned,
    costUsd: routes.reduce((a, r) => a + r.costUsd, 0),
    distanceKm: routes.reduce((a, r) => a + r.distanceKm, 0),
    stats,
  };
}
