// Peer bench on the rich collection days: urbanmine against VROOM on the full days (skills kept)
// and against PyVRP on the same days without hazardous stops (PyVRP has no skills). Each pair is
// started at the same moment with the same wall limit; every cost is recomputed by one function
// (day-cost.ts) from the routes each solver returns. Writes bench/results/rich-days.{json,md}.
//   node dist/bench/vrp/rich-days.js [--seeds 1,2,3] [--time-limit 30] [--days day200,day400,day1000]
//     [--peers /tmp/peers] [--tag NAME]   (results: bench/results/rich-days-NAME.json; the page lists every set)
// The peers are not part of urbanmine: see ../shared/peers/README.md (VROOM needs libglpk40; PyVRP
// is extracted from its tarball into --peers, which then holds `vroom`, `pyvrp/` and `pyvrp-stubs/`).
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseRoutingProblem, toVroomProblem } from "../../src/vrp/vroom/index.js";
import { findRepoRoot, findSharedDir } from "../harness/paths.js";
import { type DayProblemJson, type DayRoute, dayCost } from "./day-cost.js";
import { dayProblem, problemJson, richScenario } from "./make-day.js";
import { type PairRun, type RunSet, writeRichDaysPage } from "./rich-days-report.js";

const ROOT = findRepoRoot();
const SHARED_DAYS = join(findSharedDir(ROOT) ?? join(ROOT, "../shared"), "benchmarks/rich-days");
const WORK = join(ROOT, "out/rich-days");

interface Proc {
  stdout: string;
  stderr: string;
  code: number | null;
  wallS: number;
  cpuS: number;
}

/** Runs `cmd` under /usr/bin/time to learn its CPU seconds (user + system). */
function runTimed(cmd: string[], env: NodeJS.ProcessEnv = process.env): Promise<Proc> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn("/usr/bin/time", ["-f", "@@cpu %U %S", ...cmd], { env, cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => {
      const m = /@@cpu ([\d.]+) ([\d.]+)/.exec(stderr);
      resolve({ stdout, stderr: stderr.replace(/@@cpu.*\n?/, ""), code, wallS: (performance.now() - t0) / 1000, cpuS: m ? Number(m[1]) + Number(m[2]) : NaN });
    });
  });
}

/** The problem files of one day: ours in full and without hazardous stops, and the full day for VROOM. */
function prepareDay(day: string): { full: string; nohaz: string; vroom: string; vroomIds: { jobIds: string[]; vehicleIds: string[] } } {
  mkdirSync(WORK, { recursive: true });
  const full = join(WORK, `${day}-problem.json`);
  const n = Number(day.replace("day", ""));
  const text = n === 200 || n === 400 ? readFileSync(join(SHARED_DAYS, `${day}-problem.json`), "utf8") : problemJson(dayProblem(richScenario(n, 7)), "great-circle x 1.2 at 40 km/h");
  writeFileSync(full, text);
  const raw = JSON.parse(text) as DayProblemJson & Record<string, unknown>;
  const nohaz = join(WORK, `${day}-nohaz-problem.json`);
  writeFileSync(nohaz, JSON.stringify({ ...raw, jobs: raw.jobs.filter((j) => j.skills.length === 0) }));
  const exported = toVroomProblem(parseRoutingProblem(raw), { amount: [1000, 1000], cost: 100 });
  const vroom = join(WORK, `${day}-vroom.json`);
  writeFileSync(vroom, JSON.stringify(exported.problem));
  return { full, nohaz, vroom, vroomIds: exported };
}

function urbanmineRoutes(p: Proc): DayRoute[] {
  return (JSON.parse(p.stdout) as { routes: DayRoute[] }).routes;
}

function vroomRoutes(p: Proc, ids: { jobIds: string[]; vehicleIds: string[] }): DayRoute[] {
  const sol = JSON.parse(p.stdout) as { code: number; error?: string; routes: Array<{ vehicle: number; steps: Array<{ type: string; id?: number }> }> };
  if (sol.code !== 0) throw new Error(`VROOM code ${sol.code}: ${sol.error}`);
  return sol.routes.map((r) => ({ vehicleId: ids.vehicleIds[r.vehicle], jobIds: r.steps.filter((s) => s.type === "job").map((s) => ids.jobIds[s.id as number]) }));
}

/** Iterations the solver reported (urbanmine's solve-day.js, PyVRP), if any. */
function iterationsOf(p: Proc): number | undefined {
  try {
    const n = (JSON.parse(p.stdout) as { iterations?: unknown }).iterations;
    return typeof n === "number" ? n : undefined;
  } catch {
    return undefined;
  }
}

function pyvrpRoutes(p: Proc): DayRoute[] {
  return (JSON.parse(p.stdout) as { routes: DayRoute[] }).routes;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seeds: { type: "string", default: "1,2,3" },
      "time-limit": { type: "string", default: "30" },
      days: { type: "string", default: "day200,day400,day1000" },
      peers: { type: "string", default: "/tmp/peers" },
      tag: { type: "string" },
      // CPU-time budgets: urbanmine through solve-day.js, PyVRP with --cpu-limit (VROOM has only its wall limit)
      cpu: { type: "boolean", default: false },
    },
  });
  const seeds = values.seeds.split(",").map(Number);
  const limit = values["time-limit"];
  const peers = values.peers;
  const pyEnv = { ...process.env, PYTHONPATH: `${peers}/pyvrp:${peers}/pyvrp-stubs` };
  const git = (...a: string[]): string => execFileSync("git", a, { cwd: ROOT, encoding: "utf8" }).trim();
  const commit = `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--untracked-files=no") ? " (with uncommitted changes)" : ""}`;
  const tag = values.tag ?? git("rev-parse", "--short", "HEAD");
  const uptime = (): string => execFileSync("uptime", { encoding: "utf8" }).trim();
  const runs: PairRun[] = [];
  const set: RunSet = { tag, commit, date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC", timeLimitS: Number(limit), budget: values.cpu ? "cpu" : "wall", uptimeBefore: uptime(), uptimeAfter: "", runs };
  const results = join(ROOT, "bench/results");
  const save = (): void => {
    set.uptimeAfter = uptime();
    writeFileSync(join(results, `rich-days-${tag}.json`), `${JSON.stringify(set, null, 1)}\n`);
    writeRichDaysPage(results);
  };
  for (const day of values.days.split(",")) {
    const files = prepareDay(day);
    const problems = {
      full: JSON.parse(readFileSync(files.full, "utf8")) as DayProblemJson,
      nohaz: JSON.parse(readFileSync(files.nohaz, "utf8")) as DayProblemJson,
    };
    for (const variant of ["full", "nohaz"] as const) {
      for (const seed of seeds) {
        const load1 = loadavg()[0];
        const file = variant === "full" ? files.full : files.nohaz;
        const ours = values.cpu
          ? runTimed([process.execPath, "dist/bench/vrp/solve-day.js", file, "--cpu-seconds", limit, "--seed", String(seed)])
          : runTimed([process.execPath, "dist/src/cli/main.js", "vrp", file, "--time-limit", limit, "--seed", String(seed), "--json"]);
        const peer =
          variant === "full"
            ? runTimed([join(peers, "vroom"), "-i", files.vroom, "-t", "1", "-x", "5", "-l", limit])
            : runTimed(["python3", "bench/vrp/pyvrp-day.py", files.nohaz, "--seed", String(seed), values.cpu ? "--cpu-limit" : "--time-limit", limit], pyEnv);
        const [u, o] = await Promise.all([ours, peer]);
        const peerName = variant === "full" ? "VROOM" : "PyVRP";
        for (const [solver, proc, read] of [
          ["urbanmine", u, () => urbanmineRoutes(u)],
          [peerName, o, () => (variant === "full" ? vroomRoutes(o, files.vroomIds) : pyvrpRoutes(o))],
        ] as const) {
          writeFileSync(join(WORK, `${day}-${variant}-seed${seed}-${solver}.out.json`), proc.stdout);
          let routes: DayRoute[] = [];
          let failure = "";
          try {
            routes = read();
          } catch (err) {
            failure = `${(err as Error).message}; exit ${proc.code}; ${proc.stderr.slice(0, 300)}`;
          }
          const c = failure ? null : dayCost(problems[variant], routes);
          const run: PairRun = {
            day, variant, seed, solver, stops: problems[variant].jobs.length,
            cost: c && c.errors.length === 0 ? c.cost : null,
            errors: failure ? [failure] : (c?.errors ?? []),
            routes: c?.routes ?? 0, fleet: c?.fleet ?? {}, wallS: proc.wallS, cpuS: proc.cpuS, load1,
            iterations: iterationsOf(proc),
          };
          runs.push(run);
          process.stderr.write(`${day} ${variant} seed ${seed} ${solver}: ${run.cost?.toFixed(2) ?? `failed (${run.errors.slice(0, 3).join("; ")})`} ${JSON.stringify(run.fleet)} cpu ${proc.cpuS.toFixed(1)} s${run.iterations !== undefined ? ` ${run.iterations} iterations` : ""} load ${load1.toFixed(2)}\n`);
        }
        save();
      }
    }
  }
  save();
}

await main();
