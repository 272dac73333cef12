// solveRouting: the whole algorithm on one screen. Validate and flatten the problem; run the
// hybrid genetic search on every problem its segments can price (any fleet, dimensions, time
// windows, open routes, skills in any number of groups, speed factors per vehicle, locked
// prefixes, breaks, setup times, tags, shipments, unload trips with any of these; fleets too
// small for every job: stops then optional) and report its routes with its own schedules and the
// reason each unserved job was left out; otherwise (nothing feasible found) build with regret insertion,
// polish with local search and improve by ruin-and-recreate.
import { type RoutingProblem, type RoutingRoute, type RoutingSolution, UrbanmineError } from "../domain/index.js";
import { buildProblemData, type ProblemData } from "./data.js";
import { localSearch } from "./local-search.js";
import { createContext, operatorsFor } from "./operators/index.js";
import { buildSolution } from "./output.js";
import { Rng } from "./random.js";
import { insertGreedy, insertRegret } from "./recreate.js";
import { Failure, RouteEvaluator } from "./route-eval.js";
import { ruinAndRecreate } from "./search.js";
import { Solution } from "./solution.js";
import { type SolveOptions, Stopper } from "./stopping.js";
import { explainUnassigned } from "./unassigned.js";
import { type HgsData, toHgsData } from "./hgs/hgs-data.js";
import { explainUnserved } from "./hgs/reasons.js";
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
  const ev = new RouteEvaluator(data);
  const rng = new Rng(options.seed);

  checkLocks(data, ev, new Solution(data));
  const hgs = toHgsData(data);
  if (data.geneticOnly && !hgs && data.nJobs > 0)
    throw new UrbanmineError("INVALID_INPUT", "breaks, setup times, incompatible tags and shipments need every location reachable, locked jobs of one window, and some job a vehicle can serve");
  const found = hgs ? solveGenetic(data, hgs, rng, stopper, options) : null;
  if (found) return reportGenetic(data, found.hgs, found.routes, stopper, options);
  // breaks, setup times, tags: routes bound to vehicles always have a solution (stops optional, breaks of unused vehicles parked)
  if (data.geneticOnly && hgs) throw new Error("internal: the genetic search found no solution with breaks, setup times or tags");
  return solveRuinAndRecreate(data, ev, rng, stopper, options);
}

/** Hybrid genetic search: routes per vehicle slot (with the data they are read in), or null when nothing feasible was found. */
function solveGenetic(data: ProblemData, hgs: HgsData, rng: Rng, stopper: Stopper, options: SolveOptions): { hgs: HgsData; routes: number[][] } | null {
  const onBest = (cost: number): void => options.onProgress?.({ iteration: stopper.iteration, bestCostUsd: cost * hgs.costUnit });
  let routes = solveHgs(hgs, rng, stopper, onBest);
  // a classic fleet that cannot carry every stop: routes bound to vehicles, stops optional (a
  // fleet that can, but whose search found nothing feasible within its first generations, most
  // likely windows not every stop fits, goes on to the general search)
  if (!routes && hgs.giantTour && fleetTooSmall(data)) {
    hgs = toHgsData(data, true) as HgsData;
    routes = solveHgs(hgs, rng, stopper, onBest, true);
  }
  if (!routes || routes.length > data.nVehicles) return null;
  return { hgs, routes };
}

/** The genetic search's routes reported with its own schedules (breaks as steps), and why each job left out is. */
function reportGenetic(data: ProblemData, hgs: HgsData, routes: number[][], stopper: Stopper, options: SolveOptions): RoutingSolution {
  const reported: RoutingRoute[] = [];
  for (let v = 0; v < data.nVehicles; v++) {
    const route = reportRoute(data, hgs, v, routes[v] ?? []);
    if (route) reported.push(route);
  }
  const stats = { seconds: stopper.elapsedS(), iterations: stopper.iteration, seed: options.seed, stoppedBy: stopper.stoppedBy, solver: "urbanmine-hgs" };
  return {
    routes: reported,
    unassigned: explainUnserved(data, hgs, routes),
    costUsd: reported.reduce((a, r) => a + r.costUsd, 0),
    distanceKm: reported.reduce((a, r) => a + r.distanceKm, 0),
    stats,
  };
}

/** Regret insertion, local search, then ruin-and-recreate (unload trips, or nothing feasible found by the genetic search). */
function solveRuinAndRecreate(data: ProblemData, ev: RouteEvaluator, rng: Rng, stopper: Stopper, options: SolveOptions): RoutingSolution {
  const ctx = createContext(data, ev);
  const ops = operatorsFor(data);
  const stop = (): boolean => stopper.stop();
  const interrupted = (): boolean => stopper.interrupted();
  const start = new Solution(data);
  start.refreshCosts(ev);
  insertRegret(ctx, start, start.unassignedJobs(), interrupted);
  localSearch(start, ops, ctx, rng, stop);
  const best = ruinAndRecreate(start, ops, ctx, rng, stopper, options.onProgress);
  insertGreedy(ctx, best, best.unassignedJobs(), rng, 0, interrupted);
  const unassigned = explainUnassigned(data, ev, best);
  const stats = { seconds: stopper.elapsedS(), iterations: stopper.iteration, seed: options.seed, stoppedBy: stopper.stoppedBy, solver: "urbanmine-rr" };
  return buildSolution(data, ev, best, unassigned, stats);
}

/** True when the whole fleet's capacity in some dimension is below what the jobs need. */
function fleetTooSmall(d: ProblemData): boolean {
  for (let q = 0; q < d.nDims; q++) {
    let need = 0;
    let room = 0;
    for (let j = 0; j < d.nJobs; j++) need += d.jobAmount[j * d.nDims + q];
    for (let v = 0; v < d.nVehicles; v++) room += d.vCapacity[v * d.nDims + q];
    if (need > room + 1e-9) return true;
  }
  return false;
}

function checkLocks(data: ProblemData, ev: RouteEvaluator, sol: Solution): void {
  for (let v = 0; v < data.nVehicles; v++) {
    const r = sol.routes[v];
    if (r.length === 0 || ev.cost(v, r, r.length) !== Infinity) continue;
    const why = Object.entries(Failure).find(([, code]) => code === ev.failure)?.[0] ?? "unknown";
    const id = data.problem.vehicles[v].id;
    const i = (data.problem.locked ?? []).findIndex((l) => l.vehicleId === id);
    throw new UrbanmineError(
      "INFEASIBLE",
      `the locked route of vehicle '${id}' cannot be kept as given: it breaks the ${why} constraint; unlock some of its jobs or relax the vehicle's limits`,
      [{ path: `locked[${i}]`, message: `infeasible locked route (${why})` }],
    );
  }
}
