// solveRouting: the whole algorithm on one screen. Validate and flatten the problem; refuse a
// locked prefix its vehicle cannot drive; run the hybrid genetic search (any fleet, dimensions,
// time windows, open routes, skills, speed factors, locked prefixes, breaks, setup times, tags,
// shipments, unload trips with any of these, legs that cannot be driven); a classic fleet whose
// giant tours find nothing feasible searches again with routes bound to vehicles and stops
// optional. Report its routes with its own schedules and the reason each unserved job was left out.
import type { RoutingProblem, RoutingRoute, RoutingSolution } from "../domain/index.js";
import { buildProblemData, type ProblemData } from "./data.js";
import { Rng } from "./random.js";
import { type SolveOptions, Stopper } from "./stopping.js";
import { type HgsData, toHgsData } from "./hgs/hgs-data.js";
import { checkLocks } from "./hgs/locks.js";
import { explainUnserved, noVehicle } from "./hgs/reasons.js";
import { reportRoute } from "./hgs/report.js";
import { solveHgs } from "./hgs/solve-hgs.js";

/**
 * Solves a routing problem: maximise served priority, then jobs served, then minimise cost (USD).
 * Deterministic for a seed and an iteration bound; returns the best found at the deadline or on cancel.
 * @throws UrbanmineError INVALID_INPUT / UNKNOWN_REFERENCE for a malformed problem,
 *   INFEASIBLE when a locked route cannot be kept as given.
 */
export function solveRouting(problem: RoutingProblem, options: SolveOptions): RoutingSolution {
  const stopper = new Stopper(options);
  const data = buildProblemData(problem);
  const hgs = toHgsData(data);
  // no vehicle: every job says so
  if (!hgs) return report(data, null, [], stopper, options);
  checkLocks(data, hgs);
  // no job any vehicle can serve on its own: nothing to search
  if (hgs.nJobCustomers === 0) return report(data, hgs, [], stopper, options);
  const found = solveGenetic(data, hgs, new Rng(options.seed), stopper, options);
  return report(data, found.hgs, found.routes, stopper, options);
}

/** Hybrid genetic search: routes per vehicle slot, with the data they are read in. */
function solveGenetic(data: ProblemData, hgs: HgsData, rng: Rng, stopper: Stopper, options: SolveOptions): { hgs: HgsData; routes: number[][] } {
  const onBest = (cost: number): void => options.onProgress?.({ iteration: stopper.iteration, bestCostUsd: cost * hgs.costUnit });
  const routes = solveHgs(hgs, rng, stopper, onBest);
  if (routes && routes.length <= data.nVehicles) return { hgs, routes };
  // giant tours found nothing feasible (a fleet too small for every stop, or windows not every
  // stop fits): routes bound to vehicles, stops optional, which always have a solution
  const bound = toHgsData(data, true) as HgsData;
  return { hgs: bound, routes: solveHgs(bound, rng, stopper, onBest, true) as number[][] };
}

/** The routes (customer lists per vehicle of `hgs`) reported with their own schedules (breaks as steps), and why each job left out is. */
function report(data: ProblemData, hgs: HgsData | null, routes: number[][], stopper: Stopper, options: SolveOptions): RoutingSolution {
  const reported: RoutingRoute[] = [];
  for (let v = 0; hgs && v < data.nVehicles; v++) {
    const route = reportRoute(data, hgs, v, routes[v] ?? []);
    if (route) reported.push(route);
  }
  const stats = { seconds: stopper.elapsedS(), iterations: stopper.iteration, seed: options.seed, stoppedBy: stopper.stoppedBy, solver: "urbanmine-hgs" };
  return {
    routes: reported,
    unassigned: hgs ? explainUnserved(data, hgs, routes) : data.problem.jobs.map((_, j) => noVehicle(data, j)),
    costUsd: reported.reduce((a, r) => a + r.costUsd, 0),
    distanceKm: reported.reduce((a, r) => a + r.distanceKm, 0),
    stats,
  };
}
