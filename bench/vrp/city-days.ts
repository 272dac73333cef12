// City-day benchmark of the routing engine: the rich days of ../shared/benchmarks/rich-days
// (mixed fleet, two depots, kg and m³, time windows, skills), full and without hazardous
// stops, each solved under a CPU-time budget per seed; cost recomputed by the independent
// checker (the README's formula). Prints one JSON line per run.
// Run: npx tsc -p . && node dist/bench/vrp/city-days.js [--days day200,day400] [--seeds 1,2,3]
//        [--cpu-seconds 30 | --iterations N] [--variants full,nohaz] [--file PATH]
//   (--iterations: a fixed iteration count instead of the CPU budget; deterministic, so the load
//   does not move the cost: the way to compare two versions of the search)
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { RoutingProblem } from "../../src/domain/index.js";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { findRepoRoot, findSharedDir } from "../harness/paths.js";

const ROOT = findRepoRoot();
const DAYS = join(findSharedDir(ROOT) ?? join(ROOT, "../shared"), "benchmarks/rich-days") + "/";

/** The day without the jobs that need a hazardous-goods skill (PyVRP's anchor has no skills). */
export function withoutHazardous(p: RoutingProblem): RoutingProblem {
  return { ...p, jobs: p.jobs.filter((j) => !j.skills.includes("hazardous")) };
}

function cpuS(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

const { values } = parseArgs({
  options: {
    days: { type: "string", default: "day200,day400" },
    seeds: { type: "string", default: "1,2,3" },
    "cpu-seconds": { type: "string", default: "30" },
    variants: { type: "string", default: "full,nohaz" },
    file: { type: "string" },
    iterations: { type: "string" },
  },
});
const budget = Number(values["cpu-seconds"]);
const iterations = values.iterations === undefined ? undefined : Number(values.iterations);
const files = values.file ? [values.file] : values.days.split(",").map((d) => `${DAYS}${d}-problem.json`);
for (const file of files) {
  const full = JSON.parse(readFileSync(file, "utf8")) as RoutingProblem;
  for (const variant of values.variants.split(",")) {
    const p = variant === "nohaz" ? withoutHazardous(full) : full;
    for (const seed of values.seeds.split(",").map(Number)) {
      const c0 = cpuS();
      const s = solveRouting(p, iterations === undefined ? { seed, timeLimitS: budget * 20, cpuTimeLimitS: budget } : { seed, maxIterations: iterations });
      const check = checkRouting(p, s);
      const used = s.routes.filter((r) => r.steps.some((x) => x.type === "job"));
      const types: Record<string, number> = {};
      for (const r of used) {
        const t = r.vehicleId.replace(/-\d+$/, "");
        types[t] = (types[t] ?? 0) + 1;
      }
      console.log(JSON.stringify({
        day: file.split("/").pop()?.replace("-problem.json", ""), variant, jobs: p.jobs.length, seed,
        cost: Number(check.costUsd.toFixed(2)), errors: check.errors.length, unassigned: s.unassigned.length,
        vehicles: types, iterations: s.stats.iterations, cpuS: Number((cpuS() - c0).toFixed(1)),
        itersPerCpuS: Number((s.stats.iterations / (cpuS() - c0)).toFixed(1)), solver: s.stats.solver, stoppedBy: s.stats.stoppedBy,
        load1: Number(loadavg()[0].toFixed(2)),
      }));
    }
  }
}
