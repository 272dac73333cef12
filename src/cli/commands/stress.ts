// `urbanmine stress PLAN.json SCENARIO.json [--samples N] [--seed N] [--supply-cv X] [--mix-cv X] [--json]`:
// the plan's hubs held fixed under sampled supply (participation per zone, device mix per zone
// and stream; lognormal, seeded); prints p5/p50/p95 of cost, unserved tonnes and hub over-capacity.
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseScenario } from "../../domain/index.js";
import { type StressReport, stressPlan } from "../../pipeline/index.js";
import { numberOption } from "../args.js";
import { readJsonFile } from "../read-json.js";
import { readPlanFile } from "../read-plan.js";

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      samples: { type: "string" },
      seed: { type: "string" },
      "supply-cv": { type: "string" },
      "mix-cv": { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (positionals.length !== 2) {
    process.stderr.write("usage: urbanmine stress PLAN.json SCENARIO.json [--samples N] [--seed N] [--supply-cv X] [--mix-cv X] [--json]\n");
    return 2;
  }
  const plan = await readPlanFile(resolve(positionals[0]));
  const file = resolve(positionals[1]);
  const scenario = parseScenario(await readJsonFile(file));
  const supplyCv = numberOption("supply-cv", values["supply-cv"], { min: 0 }) ?? 0.3;
  const report = await stressPlan(plan, scenario, {
    samples: numberOption("samples", values.samples, { min: 1, integer: true }) ?? 200,
    seed: numberOption("seed", values.seed, { min: 0, integer: true }) ?? 1,
    supplyCv,
    mixCv: numberOption("mix-cv", values["mix-cv"], { min: 0 }) ?? supplyCv / 2,
    baseDir: dirname(file),
  });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatStress(report)}\n`);
  return 0;
}

function formatStress(r: StressReport): string {
  const f = (v: number, d = 0): string => v.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
  const rows: Array<[string, keyof StressReport["percentiles"], number]> = [
    ["supply, t/yr", "supplyT", 1],
    ["cost, USD/yr", "costUsd", 0],
    ["revenue, USD/yr", "revenueUsd", 0],
    ["net cost, USD/yr", "netCostUsd", 0],
    ["CO2, t/yr", "co2T", 1],
    ["unserved, t/yr", "unservedT", 1],
    ["over capacity, t/yr", "overCapacityT", 1],
    ["highest hub utilisation", "maxUtilisation", 2],
  ];
  const lines = [
    `${r.samples} supply samples of ${r.scenarioId} (year ${r.year}), seed ${r.seed}, participation CV ${r.supplyCv}, mix CV ${r.mixCv}`,
    `hubs kept: ${r.hubs.map((h) => `${h.siteId} ${h.sizeId} (${h.capacityTPerYear} t/yr)`).join(", ")}`,
    ...(r.centres.length > 0 ? [`regional centres kept: ${r.centres.map((h) => `${h.siteId} ${h.sizeId} (${h.capacityTPerYear} t/yr)`).join(", ")}`] : []),
    "",
    `${"".padEnd(26)}${"plan".padStart(14)}${"p5".padStart(14)}${"p50".padStart(14)}${"p95".padStart(14)}`,
    ...rows.map(([label, k, d]) => `${label.padEnd(26)}${f(r.deterministic[k], d).padStart(14)}${f(r.percentiles[k].p5, d).padStart(14)}${f(r.percentiles[k].p50, d).padStart(14)}${f(r.percentiles[k].p95, d).padStart(14)}`),
    "",
    `samples with a hub or regional centre over capacity: ${f(r.shareOverCapacity * 100, 1)}%`,
    ...[...r.hubs, ...r.centres].map((h) => `  ${h.siteId}: utilisation p5 ${f(h.utilisation.p5, 2)}, p50 ${f(h.utilisation.p50, 2)}, p95 ${f(h.utilisation.p95, 2)}; over capacity in ${f(h.shareOverCapacity * 100, 1)}% of samples`),
  ];
  return lines.join("\n");
}
