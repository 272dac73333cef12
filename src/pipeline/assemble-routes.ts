// Routing solution → the plan's routes: ids and places for steps, street geometry, day KPIs.
import {
  type Location,
  type Plan,
  type RoutingProblem,
  type RoutingSolution,
  secondsToClock,
} from "../domain/index.js";

export type LegGeometry = (fromId: string, toId: string) => Array<[number, number]>;

/** The plan's `routing` section for one day. */
export function assembleRouting(
  problem: RoutingProblem,
  solution: RoutingSolution,
  locations: ReadonlyMap<string, Location>,
  legGeometry: LegGeometry,
  date: string,
): Plan["routing"] {
  const jobById = new Map(problem.jobs.map((j) => [j.id, j]));
  const routes = solution.routes
    .filter((r) => r.steps.some((s) => s.type === "job"))
    .map((r) => {
      const steps = r.steps.map((s) => {
        const id = s.type === "job" ? s.jobId! : s.type === "break" ? s.breakId! : problem.locationIds[s.location];
        const loc = locations.get(problem.locationIds[s.location]);
        if (!loc) throw new Error(`no location for '${problem.locationIds[s.location]}'`);
        return {
          type: s.type,
          id,
          location: loc,
          arrival: secondsToClock(s.arrivalS),
          arrivalS: s.arrivalS,
          waitingS: s.waitingS,
          departureS: s.departureS,
          loadKg: s.load[0] ?? 0,
          loadM3: s.load[1] ?? 0,
          distanceKm: s.distanceKm,
        };
      });
      const coordinates: Array<[number, number]> = [];
      for (let i = 1; i < r.steps.length; i++) {
        const a = problem.locationIds[r.steps[i - 1].location];
        const b = problem.locationIds[r.steps[i].location];
        if (a === b) continue;
        const leg = legGeometry(a, b);
        coordinates.push(...(coordinates.length ? leg.slice(1) : leg));
      }
      if (coordinates.length === 1) coordinates.push(coordinates[0]);
      const collectedKg = r.steps.reduce((t, s) => t + (s.type === "job" ? jobById.get(s.jobId!)!.amounts[0] : 0), 0);
      return {
        vehicleId: r.vehicleId,
        carrierId: r.carrierId,
        steps,
        distanceKm: r.distanceKm,
        durationS: r.durationS,
        costUsd: r.costUsd,
        co2Kg: r.co2Kg,
        collectedKg,
        geometry: { type: "LineString" as const, coordinates },
      };
    });
  return {
    date,
    solver: solution.stats.solver,
    seconds: solution.stats.seconds,
    routes,
    unassigned: solution.unassigned.map((u) => ({ id: u.jobId, reason: u.reason, detail: u.detail })),
  };
}

/** The day's KPIs from the plan's routing section. */
export function dayKpis(routing: Plan["routing"]): Plan["kpis"]["day"] {
  let km = 0;
  let co2 = 0;
  let cost = 0;
  let kg = 0;
  let served = 0;
  for (const r of routing.routes) {
    km += r.distanceKm;
    co2 += r.co2Kg;
    cost += r.costUsd;
    kg += r.collectedKg;
    served += r.steps.filter((s) => s.type === "job").length;
  }
  return {
    date: routing.date,
    stopsServed: served,
    stopsUnassigned: routing.unassigned.length,
    vehiclesUsed: routing.routes.length,
    kmDriven: km,
    co2Kg: co2,
    costUsd: cost,
    collectedKg: kg,
  };
}
