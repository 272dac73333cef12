// Solves one routing problem (dayN-problem.json) with urbanmine's engine under a CPU-time budget,
// for the rich-days peer bench run with `--cpu` (rich-days.ts): the same solveRouting that
// `urbanmine vrp --json` runs, with `cpuTimeLimitS` instead of a wall limit, and the iterations done.
// Prints {"routes": [{"vehicleId", "jobIds"}], "iterations", "cpuSeconds", "seconds"}.
//   node dist/bench/vrp/solve-day.js PROBLEM.json --seed N --cpu-seconds S
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { RoutingProblem } from "../../src/domain/index.js";
import { solveRouting } from "../../src/vrp/index.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { seed: { type: "string", default: "1" }, "cpu-seconds": { type: "string", default: "30" } },
});
const problem = JSON.parse(readFileSync(positionals[0], "utf8")) as RoutingProblem;
const budget = Number(values["cpu-seconds"]);
const t0 = performance.now();
const c0 = process.cpuUsage();
// the wall limit only guards against a stalled machine: the CPU budget ends the search
const s = solveRouting(problem, { seed: Number(values.seed), cpuTimeLimitS: budget, timeLimitS: budget * 20 });
const cpu = process.cpuUsage(c0);
const routes = s.routes
  .map((r) => ({ vehicleId: r.vehicleId, jobIds: r.steps.filter((x) => x.type === "job").map((x) => x.jobId as string) }))
  .filter((r) => r.jobIds.length > 0);
process.stdout.write(`${JSON.stringify({ routes, iterations: s.stats.iterations, cpuSeconds: (cpu.user + cpu.system) / 1e6, seconds: (performance.now() - t0) / 1000 })}\n`);
