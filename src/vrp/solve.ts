// solveRouting: the whole algorithm on one screen. Validate and flatten the problem, build
// with regret insertion, polish with local search, improve by ruin-and-recreate, then
// report routes, schedules and the reason each unserved job was left out.
import { type RoutingProblem, type RoutingSolution, UrbanmineError } from "../domain/index.js";
import { buildProblemData, type ProblemData } from "./data.js";
import { localSearch } from "./local-search.js";
import { createContext, operatorsFor } from "./operators/index.js";
import { buildSolution } from "./output.js";
import { Rng } from "./random.js";
import { insertGreedy, insertRegret } from "./recreate.js";
import { RouteEvaluator } from "./route-eval.js";
import { ruinAndRecreate } from "./search.js";
import { Solution } from "./solution.js";
import { type SolveOptions, Stopper } from "./stopping.js";
import { explainUnassigned } from "./unassigned.js";

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
  const ctx = createContext(data, ev);
  const ops = operatorsFor(data);
  const rng = new Rng(options.seed);
  const stop = (): boolean => stopper.stop();

  const start = new Solution(data);
  checkLocks(data, ev, start);
  insertRegret(ctx, start, start.unassignedJobs());
  localSearch(start, ops, ctx, rng, stop);
  const best = ruinAndRecreate(start, ops, ctx, rng, stopper, options.onProgress);
  insertGreedy(ctx, best, best.unassignedJobs(), rng, 0);

  const unassigned = explainUnassigned(data, ev, best);
  const stats = { seconds: stopper.elapsedS(), iterations: stopper.iteration, seed: options.seed, stoppedBy: stopper.stoppedBy, solver: "urbanmine-rr" };
  return buildSolution(data, ev, best, unassigned, stats);
}

function checkLocks(data: ProblemData, ev: RouteEvaluator, sol: Solution): void {
  if (!sol.refreshCosts(ev)) {
    const bad = sol.routes.findIndex((_, v) => sol.routeCostUsd[v] === Infinity);
    sol.refreshCosts(ev);
    ev.cost(bad, sol.routes[bad], sol.routes[bad].length);
    const id = data.problem.vehicles[bad].id;
    throw new UrbanmineError("INFEASIBLE", `the locked route of vehicle '${id}' cannot be kept: it breaks a constraint (failure code ${ev.failure}); unlock some of its jobs or relax the vehicle's limits`, [
      { path: `locked[vehicleId=${id}]`, message: "locked prefix is infeasible" },
    ]);
  }
}
