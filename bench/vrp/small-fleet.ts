// A fleet too small for every stop: day200 of ../shared/benchmarks/rich-days with 3 vans and 1
// truck (of 15 vehicles) and priorities 0-2 spread over the jobs, solved under a CPU-time budget;
// served priority, stops served and cost (VROOM's order) recomputed by the independent checker.
// Prints one JSON line per seed.
// Run: npx tsc -p . && node dist/bench/vrp/small-fleet.js [--seeds 1] [--cpu-seconds 20]
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { RoutingProblem } from "../../src/domain/index.js";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { findRepoRoot, findSharedDir } from "../harness/paths.js";

const ROOT = findRepoRoot();
const DAY200 = join(findSharedDir(ROOT) ?? join(ROOT, "../shared"), "benchmarks/rich-days/day200-problem.json");
const FLEET = new Set(["van-1", "van-2", "van-3", "truck-1"]);

const { values } = parseArgs({ options: { seeds: { type: "string", default: "1" }, "cpu-seconds": { type: "string", default: "20" } } });
const budget = Number(values["cpu-seconds"]);
const day = JSON.parse(readFileSync(DAY200, "utf8")) as RoutingProblem;
const p: RoutingProblem = {
  ...day,
  vehicles: day.vehicles.filter((v) => FLEET.has(v.id)),
  jobs: day.jobs.map((j, i) => ({ ...j, priority: (i * 7) % 3 })),
};
for (const seed of values.seeds.split(",").map(Number)) {
  const s = solveRouting(p, { seed, timeLimitS: budget * 20, cpuTimeLimitS: budget });
  const check = checkRouting(p, s);
  const served = new Set(s.routes.flatMap((r) => r.steps.filter((x) => x.type === "job").map((x) => x.jobId)));
  const reasons: Record<string, number> = {};
  for (const u of s.unassigned) reasons[u.reason] = (reasons[u.reason] ?? 0) + 1;
  console.log(JSON.stringify({
    seed, solver: s.stats.solver, servedPriority: p.jobs.filter((j) => served.has(j.id)).reduce((a, j) => a + j.priority, 0),
    served: served.size, cost: Number(check.costUsd.toFixed(2)), errors: check.errors.length, reasons,
    iterations: s.stats.iterations, load1: Number(loadavg()[0].toFixed(2)),
  }));
}
