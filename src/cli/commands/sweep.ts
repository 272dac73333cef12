// `urbanmine sweep SCENARIO.json --set PATH=V1,V2,… [--set …] [--out DIR] [--seed N]
// [--time-limit S] [--iterations N] [--threads N] [--json]`: every combination of the values
// solved in parallel on the worker pool; writes sweep.csv and sweep.json (one row per variant:
// values, KPIs, hubs open) and each variant's plan.json under DIR/variant-N/ for `compare`.
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseScenario } from "../../domain/index.js";
import { createPlanner, parseSetting, runSweep, sweepCsv } from "../../pipeline/index.js";
import { numberOption } from "../args.js";
import { readJsonFile } from "../read-json.js";

const USAGE =
  "usage: urbanmine sweep SCENARIO.json --set PATH=V1,V2,… [--set …] [--out DIR] [--seed N] [--time-limit S] [--iterations N] [--threads N] [--json]\n";

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      set: { type: "string", multiple: true },
      out: { type: "string" },
      "time-limit": { type: "string" },
      seed: { type: "string" },
      iterations: { type: "string" },
      threads: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (positionals.length !== 1 || !values.set?.length) {
    process.stderr.write(USAGE);
    return 2;
  }
  const file = resolve(positionals[0]);
  const scenario = parseScenario(await readJsonFile(file));
  const settings = values.set.map(parseSetting);
  const timeLimitS = numberOption("time-limit", values["time-limit"], { above: 0 }) ?? 30;
  const seed = numberOption("seed", values.seed, { min: 0, integer: true }) ?? 1;
  const routingIterations = numberOption("iterations", values.iterations, { min: 1, integer: true });
  const variants = settings.reduce((n, s) => n * s.values.length, 1);
  const threads = numberOption("threads", values.threads, { min: 1, integer: true }) ?? Math.min(variants, availableParallelism());
  const outDir = resolve(values.out ?? join("out", `${scenario.id}-sweep`));

  const planner = createPlanner({ threads });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  try {
    await mkdir(outDir, { recursive: true });
    const writes: Array<Promise<void>> = [];
    const table = await runSweep(planner, scenario, settings, {
      baseDir: dirname(file),
      timeLimitS,
      seed,
      routingIterations,
      signal: controller.signal,
      onVariant: (done, total, row, plan) => {
        if (!values.json) process.stderr.write(`[${done}/${total}] variant ${row.variant} ${row.status}\n`);
        if (plan)
          writes.push(mkdir(join(outDir, `variant-${row.variant}`), { recursive: true }).then(() => writeFile(join(outDir, `variant-${row.variant}`, "plan.json"), JSON.stringify(plan, null, 2) + "\n")));
      },
    });
    await Promise.all(writes);
    await writeFile(join(outDir, "sweep.json"), JSON.stringify(table, null, 2) + "\n");
    await writeFile(join(outDir, "sweep.csv"), sweepCsv(table));
    if (values.json) process.stdout.write(JSON.stringify({ ...table, outDir }, null, 2) + "\n");
    else {
      const head = ["variant", ...table.paths, "hubs open", "net cost USD/yr", "CO2 t/yr"];
      process.stdout.write(`${head.join("\t")}\n`);
      for (const r of table.rows)
        process.stdout.write(
          [r.variant, ...table.paths.map((p) => JSON.stringify(r.values[p])), r.status === "done" ? r.hubs.join(" ") : `failed: ${r.error}`, r.kpis.netCostUsdPerYear?.toFixed(0) ?? "-", r.kpis.co2TPerYear?.toFixed(1) ?? "-"].join("\t") + "\n",
        );
      process.stdout.write(`\nwritten to ${outDir}: sweep.csv sweep.json variant-N/plan.json\n`);
    }
    return table.rows.every((r) => r.status === "done") ? 0 : 1;
  } finally {
    process.off("SIGINT", onSigint);
    await planner.close();
  }
}
