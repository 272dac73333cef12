// `urbanmine vrp INSTANCE [--time-limit S] [--seed N] [--iterations N] [--threads N] [--json]`:
// solves a CVRPLIB .vrp or Solomon .txt benchmark with the project's VRP engine (a .json routing
// problem, VROOM's or urbanmine's own, goes to ../routing-json.ts); with
// --threads N, N starts (seeds S, S+1, … from --seed S) run in parallel worker threads and the
// best is kept.
import { parseArgs } from "node:util";
import { solveMultiStart } from "../../pipeline/index.js";
import { benchmarkProblem, benchmarkResult, readBenchmark, solveBenchmark } from "../../vrp/index.js";
import { numberOption, threadsOption } from "../args.js";
import { runJsonProblem } from "../routing-json.js";

const USAGE =
  "usage: urbanmine vrp INSTANCE|PROBLEM.json [--time-limit S] [--seed N] [--iterations N] [--threads N] [--json]\n" +
  "  PROBLEM.json: VROOM's problem format (answered in VROOM's solution format) or urbanmine's own routing problem\n";

/** Runs the command; returns the exit code (0 ok, 2 bad usage). Throws UrbanmineError on bad files. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "time-limit": { type: "string" },
      seed: { type: "string", default: "1" },
      iterations: { type: "string" },
      threads: { type: "string", default: "1" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    process.stderr.write(`urbanmine vrp: expected one instance file, got ${positionals.length}\n${USAGE}`);
    return 2;
  }
  const seed = numberOption("seed", values.seed, { min: 0, integer: true }) ?? 1;
  const maxIterations = numberOption("iterations", values.iterations, { min: 1, integer: true });
  let timeLimitS = numberOption("time-limit", values["time-limit"], { min: 0 });
  if (timeLimitS === undefined && maxIterations === undefined) timeLimitS = 10;
  const threads = threadsOption(values.threads) ?? 1;
  if (positionals[0].toLowerCase().endsWith(".json")) return runJsonProblem(positionals[0], { seed, timeLimitS, maxIterations, threads, json: values.json });
  const inst = readBenchmark(positionals[0]);
  let result;
  if (threads === 1) result = solveBenchmark(inst, { seed, timeLimitS, maxIterations });
  else {
    const t0 = performance.now();
    const problem = benchmarkProblem(inst);
    const sol = await solveMultiStart(problem, { starts: threads, threads, seed, timeLimitS, maxIterations });
    result = benchmarkResult(inst, problem, sol, t0);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    result.routes.forEach((r, i) => process.stdout.write(`Route #${i + 1}: ${r.join(" ")}\n`));
    process.stdout.write(`Cost ${result.cost}\n`);
    const seeds = threads === 1 ? `seed ${seed}` : `best of seeds ${seed}..${seed + threads - 1}`;
    process.stderr.write(`${result.instance}: ${result.vehicles} routes, ${result.seconds.toFixed(2)} s, ${seeds}\n`);
  }
  return 0;
}
