// `urbanmine vrp INSTANCE [--time-limit S] [--seed N] [--iterations N] [--json]`: solves a
// CVRPLIB .vrp or Solomon .txt benchmark with the project's VRP engine.
import { parseArgs } from "node:util";
import { readBenchmark, solveBenchmark } from "../../vrp/index.js";
import { numberOption } from "../args.js";

const USAGE = "usage: urbanmine vrp INSTANCE [--time-limit S] [--seed N] [--iterations N] [--json]\n";

/** Runs the command; returns the exit code (0 ok, 2 bad usage). Throws UrbanmineError on bad files. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "time-limit": { type: "string" },
      seed: { type: "string", default: "1" },
      iterations: { type: "string" },
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
  const inst = readBenchmark(positionals[0]);
  const result = solveBenchmark(inst, { seed, timeLimitS, maxIterations });
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    result.routes.forEach((r, i) => process.stdout.write(`Route #${i + 1}: ${r.join(" ")}\n`));
    process.stdout.write(`Cost ${result.cost}\n`);
    process.stderr.write(`${result.instance}: ${result.vehicles} routes, ${result.seconds.toFixed(2)} s, seed ${seed}\n`);
  }
  return 0;
}
