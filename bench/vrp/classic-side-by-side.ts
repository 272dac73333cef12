// Side-by-side runs of two builds of the engine on classic instances: for each instance and seed,
// this build and a base build (another worktree's `dist/`) are started at the same moment, each
// in its own process under the same CPU-second budget (or iteration bound), so that both meet
// the same load on a shared machine. Each row: cost, gap, generations, CPU-s, generations per
// CPU-second. The solve is quality.ts's single-thread run (solveRouting on the benchmark's
// problem, the CPU clock started before the problem is built), plus the iteration count.
//   node dist/bench/vrp/classic-side-by-side.js --base ../base/dist [--instances X-n401-k29,X-n1001-k43]
//     [--seeds 1,2,3,4] [--cpu-seconds 60 | --iterations N] [--out FILE.json]
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { findSharedDir } from "../harness/paths.js";

interface Row {
  build: string;
  name: string;
  seed: number;
  cost: number;
  gapPct: number;
  iterations: number;
  cpuS: number;
  itPerCpuS: number;
  wallS: number;
  load: number;
}

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** One run in this process with the engine of `dist` (a build's dist/ folder). */
async function runOne(dist: string, name: string, seed: number, cpuBudget: number, iterations: number): Promise<Omit<Row, "build">> {
  const vrp = (await import(resolve(dist, "src/vrp/index.js"))) as typeof import("../../src/vrp/index.js");
  const kind = /^[XAP]-/.test(name) ? "cvrp" : "vrptw";
  const shared = findSharedDir();
  if (!shared) throw new Error("the shared benchmarks folder was not found (set URBANMINE_SHARED)");
  const dir = `${shared}/benchmarks/${kind}/`;
  const { file, bks } = (JSON.parse(readFileSync(`${dir}bks.json`, "utf8")) as Record<string, { file: string; bks: number }>)[name];
  const inst = vrp.readBenchmark(`${dir}${file}`);
  const load = loadavg()[0];
  const c0 = cpuSeconds();
  const w0 = performance.now();
  const problem = vrp.benchmarkProblem(inst);
  const sol = vrp.solveRouting(problem, cpuBudget > 0
    ? { seed, maxIterations: Number.MAX_SAFE_INTEGER, shouldStop: () => cpuSeconds() - c0 >= cpuBudget }
    : { seed, maxIterations: iterations });
  const cpuS = cpuSeconds() - c0;
  const res = vrp.benchmarkResult(inst, problem, sol, w0);
  const it = sol.stats.iterations;
  return { name, seed, cost: res.cost, gapPct: (100 * (res.cost - bks)) / bks, iterations: it, cpuS, itPerCpuS: it / cpuS, wallS: (performance.now() - w0) / 1000, load };
}

function child(dist: string, build: string, name: string, seed: number, budget: string[]): Promise<Row> {
  const args = [new URL(import.meta.url).pathname, "--one", name, "--dist", dist, "--seeds", String(seed), ...budget];
  return new Promise((ok, fail) => {
    execFile(process.execPath, args, { maxBuffer: 1 << 20 }, (err, stdout) => (err ? fail(err) : ok({ build, ...(JSON.parse(stdout) as Omit<Row, "build">) })));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      base: { type: "string" },
      dist: { type: "string" },
      one: { type: "string" },
      instances: { type: "string", default: "X-n401-k29,X-n1001-k43" },
      seeds: { type: "string", default: "1,2,3,4" },
      "cpu-seconds": { type: "string", default: "60" },
      iterations: { type: "string" },
      out: { type: "string" },
    },
  });
  const cpuBudget = values.iterations ? 0 : Number(values["cpu-seconds"]);
  const iterations = Number(values.iterations ?? 0);
  const head = resolve(new URL("../..", import.meta.url).pathname);
  if (values.one) {
    process.stdout.write(JSON.stringify(await runOne(values.dist ?? head, values.one, Number(values.seeds), cpuBudget, iterations)));
    return;
  }
  if (!values.base) throw new Error("--base DIST (the other build's dist/ folder) is required");
  const budget = values.iterations ? ["--iterations", values.iterations] : ["--cpu-seconds", values["cpu-seconds"]];
  const rows: Row[] = [];
  for (const name of values.instances.split(",")) {
    for (const seed of values.seeds.split(",").map(Number)) {
      const pair = await Promise.all([child(head, "head", name, seed, budget), child(resolve(values.base), "base", name, seed, budget)]);
      for (const r of pair) {
        rows.push(r);
        process.stderr.write(`${r.build} ${r.name} seed ${r.seed}: ${r.cost} (${r.gapPct.toFixed(2)}%) ${r.iterations} it in ${r.cpuS.toFixed(1)} CPU-s = ${r.itPerCpuS.toFixed(1)} it/CPU-s, ${r.wallS.toFixed(0)} s wall, load ${r.load.toFixed(1)}\n`);
      }
      if (values.out) writeFileSync(values.out, `${JSON.stringify(rows, null, 1)}\n`);
    }
  }
}

await main();
