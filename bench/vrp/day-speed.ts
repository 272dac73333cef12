// Speed benchmark of solveRouting (the hybrid genetic search on routes bound to vehicles) on
// seeded synthetic days (200 and 400 stops): generations per CPU-second, and cost after a fixed
// iteration count and after a fixed CPU budget. Prints one JSON line per run;
// day-speed-report.ts runs two builds side by side.
// Run: npx tsc -p . && node dist/bench/vrp/day-speed.js [--stops 200,400] [--iterations N] [--cpu-seconds S] [--seed N]
import { parseArgs } from "node:util";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { syntheticDay } from "./synthetic-day.js";

/** One measured run (costs checked by the independent checker). */
export interface SpeedRow {
  stops: number;
  mode: "iterations" | "cpu";
  iterations: number;
  cpuS: number;
  itersPerCpuS: number;
  costUsd: number;
  served: number;
  /** Sum of the priorities of served stops (the first key of the objective). */
  priorityServed: number;
  feasible: boolean;
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function runOne(stops: number, seed: number, mode: "iterations" | "cpu", limit: number): SpeedRow {
  const problem = syntheticDay(stops, seed);
  const cpu0 = cpuSeconds();
  const sol = mode === "iterations"
    ? solveRouting(problem, { seed, maxIterations: limit })
    // a time limit, as the pipeline gives it; the CPU bound keeps the budget fair on a shared
    // machine (whichever comes first)
    : solveRouting(problem, { seed, timeLimitS: limit, shouldStop: () => cpuSeconds() - cpu0 >= limit });
  const cpuS = cpuSeconds() - cpu0;
  const check = checkRouting(problem, sol);
  const unserved = new Set(sol.unassigned.map((u) => u.jobId));
  const priorityServed = problem.jobs.reduce((s, j) => s + (unserved.has(j.id) ? 0 : j.priority), 0);
  return {
    stops, mode, iterations: sol.stats.iterations, cpuS, itersPerCpuS: sol.stats.iterations / cpuS,
    costUsd: check.costUsd, served: stops - sol.unassigned.length, priorityServed, feasible: check.ok,
  };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      stops: { type: "string", default: "200,400" },
      iterations: { type: "string", default: "200" },
      "cpu-seconds": { type: "string", default: "15" },
      seed: { type: "string", default: "1" },
      mode: { type: "string", default: "both" },
    },
  });
  const seed = Number(values.seed);
  for (const stops of values.stops.split(",").map(Number)) {
    if (values.mode !== "cpu") console.log(JSON.stringify(runOne(stops, seed, "iterations", Number(values.iterations))));
    if (values.mode !== "iterations") console.log(JSON.stringify(runOne(stops, seed, "cpu", Number(values["cpu-seconds"]))));
  }
}

main();
