// `urbanmine solve SCENARIO.json [--out DIR] [--time-limit S] [--seed N] [--iterations N] [--threads N] [--json]`:
// the whole pipeline in the worker pool; writes plan.json, plan.geojson and the CSV tables the
// HTTP API serves (same formats); prints a summary. --threads N solves the day's routes from N
// seeds in parallel and keeps the best.
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseScenario, unknownFields } from "../../domain/index.js";
import { createPlanner, echelonTablesOf, planCsv, planGeoJson, type Progress } from "../../pipeline/index.js";
import { formatSummary, summarizePlan } from "../../pipeline/summary.js";
import { numberOption, threadsOption } from "../args.js";
import { prepareOutDir, writeOut } from "../out-dir.js";
import { readJsonFile } from "../read-json.js";

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      "time-limit": { type: "string" },
      seed: { type: "string" },
      iterations: { type: "string" },
      threads: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (positionals.length !== 1) {
    process.stderr.write("usage: urbanmine solve SCENARIO.json [--out DIR] [--time-limit S] [--seed N] [--iterations N] [--threads N] [--json]\n");
    return 2;
  }
  const file = resolve(positionals[0]);
  const raw = await readJsonFile(file);
  const scenario = parseScenario(raw);
  for (const path of unknownFields(raw, scenario)) process.stderr.write(`warning: ${file}: unknown field ${path} is ignored\n`);
  const timeLimitS = numberOption("time-limit", values["time-limit"], { above: 0 }) ?? 30;
  const seed = numberOption("seed", values.seed, { min: 0, integer: true }) ?? 1;
  const routingIterations = numberOption("iterations", values.iterations, { min: 1, integer: true });
  const routingStarts = threadsOption(values.threads) ?? 1;
  const outDir = resolve(values.out ?? join("out", scenario.id));
  await prepareOutDir(outDir);

  const tty = process.stderr.isTTY && !values.json;
  const onProgress = (p: Progress) => {
    if (tty) process.stderr.write(`\r\x1b[K[${Math.round(p.fraction * 100)}%] ${p.stage}: ${p.message}`);
  };
  const planner = createPlanner({ threads: 1 });
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  try {
    const plan = await planner.run(scenario, { baseDir: dirname(file), timeLimitS, seed, routingIterations, routingStarts, onProgress, signal: controller.signal });
    if (tty) process.stderr.write("\r\x1b[K");
    await writeOut(outDir, "plan.json", JSON.stringify(plan, null, 2) + "\n");
    await writeOut(outDir, "plan.geojson", JSON.stringify(planGeoJson(plan, scenario)) + "\n");
    // drop-offs.csv, centres.csv and shipments.csv only when the plan has drop-off points or regional centres
    const tables = [...(["hubs", "assignments", "flows", "routes"] as const), ...echelonTablesOf(plan)];
    for (const table of tables) await writeOut(outDir, `${table}.csv`, planCsv(plan, table));
    const summary = summarizePlan(plan);
    if (values.json) process.stdout.write(JSON.stringify({ ...summary, outDir }, null, 2) + "\n");
    else process.stdout.write(`${formatSummary(summary)}\n\nwritten to ${outDir}: plan.json plan.geojson ${tables.map((t) => `${t}.csv`).join(" ")}\n`);
    return 0;
  } finally {
    process.off("SIGINT", onSigint);
    await planner.close();
  }
}
