// `urbanmine lrp FILE [--time-limit S] [--seed N] [--iterations N] [--json]`: solves a
// Prodhon-format location-routing instance (open depots, assign customers, route them) with the
// project's LRP engine, checks the answer from its routes and prints it.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { UrbanmineError } from "../../domain/index.js";
import { buildLrpData, checkLrpRoutes, parseProdhon, solveLrp } from "../../lrp/index.js";
import { numberOption } from "../args.js";

const USAGE = `usage: urbanmine lrp FILE [--time-limit S] [--seed N] [--iterations N] [--json]

  --time-limit S   seconds of search (default 10 unless --iterations is given)
  --seed N         seed of the random choices (default 1)
  --iterations N   bound on search iterations (deterministic per seed)
  --json           print {"instance","cost","open","routes":[{"depot","customers"}],"seconds"}
`;

/** Runs the command; returns the exit code (0 solved, 2 bad usage). Throws UrbanmineError on bad files. */
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
    process.stderr.write(`urbanmine lrp: give exactly one instance file\n\n${USAGE}`);
    return 2;
  }
  const file = positionals[0];
  const seed = numberOption("seed", values.seed, { min: 0, integer: true }) ?? 1;
  const maxIterations = numberOption("iterations", values.iterations, { min: 1, integer: true });
  let timeLimitS = numberOption("time-limit", values["time-limit"], { above: 0 });
  if (timeLimitS === undefined && maxIterations === undefined) timeLimitS = 10;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UrbanmineError("INVALID_FILE", `cannot read ${file}: ${(e as Error).message}`);
  }
  const name = basename(file).replace(/\.dat$/, "");
  const data = buildLrpData(parseProdhon(text, basename(file)));
  data.name = name;
  const r = solveLrp(data, { seed, timeLimitS, maxIterations });
  if (!r.feasible)
    throw new UrbanmineError("INFEASIBLE", `${name}: no solution found that respects every vehicle and depot capacity within the budget (${r.stats.iterations} iterations)`);
  const check = checkLrpRoutes(data, r.routes);
  if (check.violations.length > 0)
    throw new UrbanmineError("SOLVER_FAILED", `the solution fails the check: ${check.violations.slice(0, 3).join("; ")}`);
  const out = {
    instance: name,
    cost: check.cost,
    open: r.open.map((d) => d + 1),
    routes: r.routes.map((x) => ({ depot: x.depot + 1, customers: x.customers.map((c) => c + 1) })),
    seconds: Math.round(r.stats.seconds * 1000) / 1000,
  };
  if (values.json) process.stdout.write(`${JSON.stringify(out)}\n`);
  else {
    out.routes.forEach((x, i) => process.stdout.write(`Route #${i + 1} (depot ${x.depot}): ${x.customers.join(" ")}\n`));
    process.stdout.write(`Open depots: ${out.open.join(" ")}\nCost ${out.cost}\n`);
    process.stderr.write(`${name}: ${out.routes.length} routes, ${r.stats.iterations} iterations, ${out.seconds.toFixed(2)} s, seed ${seed}, stopped by ${r.stats.stoppedBy}\n`);
  }
  return 0;
}
