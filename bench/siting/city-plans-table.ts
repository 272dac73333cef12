// The city datasets' plans before/after a change, each priced by its own routes: reads two
// folders of `urbanmine solve --out` results (<dir>/<dataset>/plan.json, with `time` holding
// "wall user sys" seconds from /usr/bin/time and `load` the 1-minute load at start and end) and
// prints a Markdown table.
//   node dist/bench/siting/city-plans-table.js BEFORE_DIR AFTER_DIR dataset…
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "../../src/domain/index.js";

const [beforeDir, afterDir, ...datasets] = process.argv.slice(2);
const usd = (v: number): string => `$${Math.round(v).toLocaleString("en-US")}`;
const t1 = (v: number): string => v.toFixed(1);

function row(dir: string, dataset: string, label: string): string {
  const folder = join(dir, dataset);
  if (!existsSync(join(folder, "plan.json"))) return `| ${dataset} | ${label} | no plan | | | | | | | | |`;
  const plan = JSON.parse(readFileSync(join(folder, "plan.json"), "utf8")) as Plan;
  const [wall, user, sys] = readFileSync(join(folder, "time"), "utf8").trim().split(/\s+/).map(Number);
  const load = readFileSync(join(folder, "load"), "utf8").trim().split(/\s+/).join("→");
  const k = plan.kpis;
  const days = Math.round(k.collection ? k.collection.routedUsdPerYear / Math.max(k.day.costUsd, 1e-9) : 250);
  const routedUsd = k.day.costUsd * days;
  const routedCo2T = (k.day.co2Kg * days) / 1000;
  const c = k.costUsdPerYear;
  // the plan's yearly costs with collection as its own routes cost it
  const byRoutes = c.total - c.collectionTransport + routedUsd;
  const collectionCo2T = plan.siting.assignments.reduce((a, x) => a + (x.collectionCo2TPerYear ?? NaN), 0);
  const hubs = plan.siting.hubs.map((h) => h.siteId).join(", ");
  return [
    dataset,
    label,
    `${t1(wall)} / ${t1(user + sys)}`,
    load,
    hubs,
    usd(c.collectionTransport),
    usd(routedUsd),
    (c.collectionTransport / routedUsd).toFixed(2),
    usd(byRoutes),
    usd(byRoutes - k.revenueUsdPerYear),
    `${t1(k.co2TPerYear)}${Number.isNaN(collectionCo2T) ? "" : ` (${t1(collectionCo2T)} collection)`}`,
    t1(routedCo2T),
  ].join(" | ").replace(/^/, "| ").concat(" |");
}

const head = [
  "| dataset | code | solve s wall / CPU | load 1-min start→end | hubs | siting's collection /yr | routed day × days /yr | siting ÷ routed | yearly cost, collection by its routes | net cost by its routes (− revenue) | CO2 KPI t/yr | routes' CO2 t/yr |",
  "| --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
];
const rows = datasets.flatMap((d) => [row(beforeDir, d, "main"), row(afterDir, d, "routes")]);
process.stdout.write(`${[...head, ...rows].join("\n")}\n`);
