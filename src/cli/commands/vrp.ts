// `urbanmine vrp INSTANCE [--time-limit S] [--seed N] [--iterations N] [--json]`: solves a
// CVRPLIB .vrp or Solomon .txt benchmark with the project's VRP engine.
import { parseArgs } from "node:util";
import { UrbanmineError } from "../../domain/index.js";
import { readBenchmark, solveBenchmark } from "../../vrp/index.js";

const USAGE = "usage: urbanmine vrp INSTANCE [--time-limit S] [--seed N] [--iterations N] [--json]\n";

/** Runs the command; returns the exit code (0 ok, 2 bad usage). Throws UrbanmineError on bad files. */
export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
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
  } catch (e) {
    process.stderr.write(`urbanmine vrp: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    process.stderr.write(`urbanmine vrp: expected one instance file, got ${positionals.length}\n${USAGE}`);
    return 2;
  }
  const num = (name: string, raw: string | undefined, min: number): number | undefined => {
    if (raw === undefined) return undefined;
    const v = Number(raw);
    if (!(Number.isFinite(v) && v >= min))
      throw new UrbanmineError("INVALID_INPUT", `--${name} '${raw}' must be a number >= ${min}`, [{ path: `--${name}`, message: "not a valid number" }]);
    return v;
  };
  const seed = num("seed", values.seed, 0) ?? 1;
  const maxIterations = num("iterations", values.iterations, 1);
  let timeLimitS = num("time-limit", values["time-limit"], 0);
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
