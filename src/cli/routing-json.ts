// `urbanmine vrp PROBLEM.json`: a routing problem as JSON, in VROOM's format (answered in VROOM's
// solution format) or urbanmine's own (answered as routes per vehicle, or the compact `--json`).
import { solveMultiStart } from "../pipeline/index.js";
import { type RoutingProblem, type RoutingSolution, UrbanmineError } from "../domain/index.js";
import { solveRouting } from "../vrp/index.js";
import { detectRoutingFormat, fromVroom, parseRoutingProblem, summarizeRouting, toVroomSolution } from "../vrp/vroom/index.js";
import { readJsonFile } from "./read-json.js";

/** Solve settings from the command line. */
export interface JsonSolveOptions {
  seed: number;
  timeLimitS?: number;
  maxIterations?: number;
  threads: number;
  json: boolean;
}

/**
 * Reads, solves and prints; returns the exit code.
 * @throws UrbanmineError for an unreadable file or an invalid problem (VROOM problems also get
 *   VROOM's `{"code": 2, "error": …}` on stdout first).
 */
export async function runJsonProblem(path: string, opts: JsonSolveOptions): Promise<number> {
  const t0 = performance.now();
  const input = await readJsonFile(path);
  if (detectRoutingFormat(input) === "urbanmine") {
    const sol = await solve(parseRoutingProblem(input), opts);
    const summary = summarizeRouting(sol);
    if (opts.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else {
      for (const r of summary.routes) process.stdout.write(`${r.vehicleId}: ${r.jobIds.join(" ")}\n`);
      for (const u of summary.unassigned) process.stdout.write(`unassigned ${u.id}: ${u.reason}\n`);
      process.stdout.write(`Cost ${summary.cost.toFixed(2)}\n`);
      process.stderr.write(`${path}: ${summary.routes.length} routes, ${summary.unassigned.length} unassigned, ${summary.seconds.toFixed(2)} s\n`);
    }
    return 0;
  }
  let read;
  try {
    read = fromVroom(input);
  } catch (err) {
    if (err instanceof UrbanmineError) process.stdout.write(`${JSON.stringify({ code: 2, error: err.message })}\n`);
    throw err;
  }
  const t1 = performance.now();
  let sol;
  try {
    sol = await solve(read.problem, opts);
  } catch (err) {
    // a combination of features the engine refuses only once it sees the whole problem
    if (err instanceof UrbanmineError) process.stdout.write(`${JSON.stringify({ code: 2, error: err.message })}\n`);
    throw err;
  }
  const out = toVroomSolution(read.context, sol, { loadingMs: t1 - t0, solvingMs: performance.now() - t1 });
  process.stdout.write(`${JSON.stringify(out)}\n`);
  return 0;
}

async function solve(problem: RoutingProblem, opts: JsonSolveOptions): Promise<RoutingSolution> {
  const { seed, timeLimitS, maxIterations, threads } = opts;
  if (threads === 1) return solveRouting(problem, { seed, timeLimitS, maxIterations });
  return solveMultiStart(problem, { starts: threads, threads, seed, timeLimitS, maxIterations });
}
