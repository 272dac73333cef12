// Side-by-side runs of two builds of the engine on classic instances: for each instance and seed,
// this build and a base build (another worktree's `dist/`) load the engine and the instance, then start at the same moment, each
// in its own process under the same CPU-second budget (or iteration bound), so that both meet
// the same load on a shared machine. Each row: cost, gap, generations, CPU-s, generations per
// CPU-second. The solve is quality.ts's single-thread run (solveRouting on the benchmark's
// problem, the CPU clock started before the problem is built), plus the iteration count.
//   node dist/bench/vrp/classic-side-by-side.js --base ../base/dist [--instances X-n401-k29,X-n1001-k43]
//     [--seeds 1,2,3,4] [--cpu-seconds 60 | --iterations N] [--out FILE.json]
import { spawn } from "node:child_process";
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
  await startSignal();
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

/** Child side of the start barrier: says "ready" (engine and instance loaded), then waits for a line on stdin. */
function startSignal(): Promise<void> {
  process.stdout.write("ready\n");
  return new Promise((ok) => {
    process.stdin.once("data", () => {
      process.stdin.pause();
      ok();
    });
  });
}

/** A child run: `ready` once it has loaded everything, `go()` starts its clock and search, `done` its row. */
interface Child {
  ready: Promise<void>;
  go: () => void;
  done: Promise<Row>;
}

function child(dist: string, build: string, name: string, seed: number, budget: string[]): Child {
  const args = [new URL(import.meta.url).pathname, "--one", name, "--dist", dist, "--seeds", String(seed), ...budget];
  const proc = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  let signalReady = (): void => {};
  const ready = new Promise<void>((ok) => (signalReady = ok));
  proc.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith("ready\n")) signalReady();
  });
  const done = new Promise<Row>((ok, fail) => {
    proc.on("error", fail);
    proc.on("close", (code) => {
      if (code !== 0) fail(new Error(`${build} run of ${name} seed ${seed} exited with ${code}`));
      else ok({ build, ...(JSON.parse(out.slice("ready\n".length)) as Omit<Row, "build">) });
    });
  });
  return { ready, go: () => proc.stdin.end("go\n"), done };
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
  let pairs = 0;
  for (const name of values.instances.split(",")) {
    for (const seed of values.seeds.split(",").map(Number)) {
      // both load first, then start together; the one spawned first alternates (measured with
      // the same build on both sides: the first spawned took 2-4% more CPU for the same work)
      const first = pairs++ % 2 === 0;
      const runs = first
        ? [child(head, "head", name, seed, budget), child(resolve(values.base), "base", name, seed, budget)]
        : [child(resolve(values.base), "base", name, seed, budget), child(head, "head", name, seed, budget)];
      await Promise.all(runs.map((r) => r.ready));
      for (const r of runs) r.go();
      const pair = (await Promise.all(runs.map((r) => r.done))).sort((a, b) => (a.build === "head" ? -1 : b.build === "head" ? 1 : 0));
      for (const r of pair) {
        rows.push(r);
        process.stderr.write(`${r.build} ${r.name} seed ${r.seed}: ${r.cost} (${r.gapPct.toFixed(2)}%) ${r.iterations} it in ${r.cpuS.toFixed(1)} CPU-s = ${r.itPerCpuS.toFixed(1)} it/CPU-s, ${r.wallS.toFixed(0)} s wall, load ${r.load.toFixed(1)}\n`);
      }
      if (values.out) writeFileSync(values.out, `${JSON.stringify(rows, null, 1)}\n`);
    }
  }
}

await main();
