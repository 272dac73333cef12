// Solves a benchmark instance and reports it as the `vrp` command prints it: routes as
// customer numbers (the .sol convention) and the cost recomputed in the instance's rounding.
import { type RoutingProblem, type RoutingSolution, UrbanmineError } from "../../domain/index.js";
import { checkRouting } from "../check.js";
import { solveRouting } from "../solve.js";
import type { SolveOptions } from "../stopping.js";
import { type BenchmarkInstance, edgeLength, toRoutingProblem } from "./instance.js";

/** What `urbanmine vrp --json` prints. */
export interface BenchmarkResult {
  instance: string;
  cost: number;
  routes: number[][];
  vehicles: number;
  seconds: number;
}

/**
 * Solves `inst` and checks the result independently. `variant: "bound"` adds a limit that
 * never binds (maxTasks = customers) so the search runs over routes bound to vehicles, the
 * variant city days take, instead of the giant tours chosen for classic instances.
 * @throws UrbanmineError SOLVER_FAILED if the checker rejects the solution or a customer is left out
 */
export function solveBenchmark(inst: BenchmarkInstance, options: SolveOptions, variant: "auto" | "bound" = "auto"): BenchmarkResult {
  const t0 = performance.now();
  const problem = benchmarkProblem(inst, variant);
  return benchmarkResult(inst, problem, solveRouting(problem, options), t0);
}

/** The routing problem of `inst` as solveBenchmark solves it (see there for `variant`). */
export function benchmarkProblem(inst: BenchmarkInstance, variant: "auto" | "bound" = "auto"): RoutingProblem {
  const problem = toRoutingProblem(inst);
  if (variant === "bound") for (const v of problem.vehicles) v.maxTasks = problem.jobs.length;
  return problem;
}

/**
 * Checks `sol` (a solution of `benchmarkProblem(inst)`, found by any means) and reports it in
 * the instance's own convention; `t0` is when the solve started (performance.now()).
 * @throws UrbanmineError SOLVER_FAILED if the checker rejects the solution or a customer is left out
 */
export function benchmarkResult(inst: BenchmarkInstance, problem: RoutingProblem, sol: RoutingSolution, t0: number): BenchmarkResult {
  const check = checkRouting(problem, sol);
  if (!check.ok) throw new UrbanmineError("SOLVER_FAILED", `solution of ${inst.name} fails the checker: ${check.errors.slice(0, 3).join("; ")}`);
  if (sol.unassigned.length > 0)
    throw new UrbanmineError("SOLVER_FAILED", `${sol.unassigned.length} customers of ${inst.name} were left unserved (first: ${sol.unassigned[0].jobId}, ${sol.unassigned[0].reason})`);
  const routes = sol.routes.map((r) => r.steps.filter((s) => s.type === "job").map((s) => Number(s.jobId)));
  return { instance: inst.name, cost: routesCost(inst, routes), routes, vehicles: routes.length, seconds: (performance.now() - t0) / 1000 };
}

/** Total length of depot-to-depot routes in the instance's convention (rounded to its precision). */
export function routesCost(inst: BenchmarkInstance, routes: number[][]): number {
  let total = 0;
  for (const r of routes) {
    let prev = 0;
    for (const c of r) {
      total += edgeLength(inst, prev, c);
      prev = c;
    }
    total += edgeLength(inst, prev, 0);
  }
  return inst.rounding === "nint" ? Math.round(total) : Math.round(total * 10) / 10;
}
