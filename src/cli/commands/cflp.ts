// `urbanmine cflp FILE`: solves an OR-Library cap instance with the siting engine's Lagrangian
// branch and bound (or plain HiGHS), checks the answer independently and prints it.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { UrbanmineError } from "../../domain/index.js";
import { numberOption } from "../args.js";
import { checkCflp, type CflpResult, parseOrlibCap, solveCflpHighs, solveCflpLagrangian } from "../../siting/cflp/index.js";

const USAGE = `usage: urbanmine cflp FILE [--capacity N] [--single-source] [--time-limit S] [--method lagrangian|highs] [--json]

  --capacity N      facility capacity (required for capa/capb/capc, whose files say 'capacity')
  --single-source   each customer served by one facility (solved with HiGHS)
  --time-limit S    seconds (default 60)
  --method M        lagrangian (default; multi-source only) or highs
  --json            print {"instance","objective","bound","open","assign","seconds"}
`;

/** Runs the command; returns the exit code (0 solved, 2 bad input). */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      capacity: { type: "string" },
      "single-source": { type: "boolean", default: false },
      "time-limit": { type: "string", default: "60" },
      method: { type: "string", default: "lagrangian" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    process.stderr.write(`urbanmine cflp: give exactly one instance file\n\n${USAGE}`);
    return 2;
  }
  const file = positionals[0];
  const capacity = numberOption("capacity", values.capacity, { above: 0 });
  const timeLimitS = numberOption("time-limit", values["time-limit"], { above: 0 }) ?? 60;
  if (values.method !== "lagrangian" && values.method !== "highs")
    throw new UrbanmineError("INVALID_INPUT", `--method must be 'lagrangian' or 'highs', got '${values.method}'`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UrbanmineError("INVALID_FILE", `cannot read ${file}: ${(e as Error).message}`);
  }
  const base = basename(file).replace(/\.txt$/, "");
  const name = capacity === undefined ? base : `${base}_${capacity}`;
  const inst = parseOrlibCap(text, name, capacity);
  const single = values["single-source"];
  const useHighs = single || values.method === "highs";
  const r: CflpResult = useHighs
    ? await solveCflpHighs(inst, { timeLimitS, singleSource: single })
    : await solveCflpLagrangian(inst, { timeLimitS });
  if (r.status === "infeasible") {
    const most = Math.max(...inst.capacity);
    const big = inst.demand.findIndex((d) => d > most);
    const why =
      single && big >= 0
        ? `customer ${big + 1} needs ${inst.demand[big]} but no facility holds more than ${most}, and --single-source forbids splitting it`
        : `total capacity ${inst.capacity.reduce((a, c) => a + c, 0)} cannot serve total demand ${inst.demand.reduce((a, d) => a + d, 0)}${single ? " with each customer at one facility" : ""}`;
    throw new UrbanmineError("INFEASIBLE", `${name} has no feasible solution: ${why}`);
  }
  if (!Number.isFinite(r.objective))
    throw new UrbanmineError("SOLVER_FAILED", `${name}: no feasible solution found within ${timeLimitS} s`);
  const check = checkCflp(inst, r);
  if (!check.ok)
    throw new UrbanmineError("SOLVER_FAILED", `the solution fails the independent check: ${check.violations.slice(0, 3).join("; ")}`);
  if (single && r.assign.some(([, , f]) => Math.abs(f - 1) > 1e-6))
    throw new UrbanmineError("SOLVER_FAILED", "a customer is split under --single-source");
  const out = {
    instance: name,
    objective: round3(check.objective),
    bound: round3(Math.min(r.bound, check.objective)),
    open: [...r.open].flatMap((o, i) => (o ? [i + 1] : [])),
    assign: r.assign.map(([j, i, f]) => [j + 1, i + 1, f]),
    seconds: Math.round(r.seconds * 1000) / 1000,
  };
  if (values.json) process.stdout.write(`${JSON.stringify(out)}\n`);
  else {
    const gap = out.objective > 0 ? ((out.objective - out.bound) / out.objective) * 100 : 0;
    process.stdout.write(
      `${name}: ${r.status}, objective ${out.objective}, bound ${out.bound} (gap ${gap.toFixed(4)}%), ${out.open.length} open of ${inst.m}, ${out.seconds} s` +
        `${useHighs ? " [highs]" : ` [lagrangian: ${r.nodes} nodes, ${r.transportSolves} transport solves]`}\n`,
    );
  }
  return 0;
}

function round3(v: number): number {
  return Number.isFinite(v) ? Math.round(v * 1000) / 1000 : v;
}
