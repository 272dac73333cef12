// The city-sized siting model (bench/siting/city-scenario.ts) under a time limit, side by side in
// one run: plain HiGHS ("full"), HiGHS with the greedy + local-search MIP start ("full+start"),
// and with the start, the Lagrangian bound and its hub fixings ("full+lagrangian"); "pruned…"
// variants keep each zone's 10 nearest sites. Gaps are given on the net cost and on the total
// cost (net cost + revenue). Prints a markdown table.
// usage: node dist/bench/siting/city-bench.js [--limit S] [--seed N] [--years T] [--variants full,full+start,full+lagrangian]
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { solveSiting } from "../../src/siting/index.js";
import { cityScenario } from "./city-scenario.js";

const { values } = parseArgs({
  options: {
    limit: { type: "string", default: "60" },
    seed: { type: "string", default: "1" },
    years: { type: "string", default: "1" },
    variants: { type: "string", default: "full,full+start,full+lagrangian" },
  },
});
const limit = Number(values.limit);
// The report's cost terms are the last year's; the gap on total cost is given for one year only.
const years = Number(values.years);
const rows: Array<{ v: string; obj: number; bound: number; gap: number; s: number; cpuS: number; status: string; hubs: number; totalUsd: number }> = [];
process.stdout.write(`# City-sized siting model, ${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? "?"} × ${cpus().length}, Node ${process.version}, load average at start ${loadavg()[0].toFixed(1)}, limit ${limit} s, seed ${values.seed}, years ${values.years}\n\n`);
for (const v of values.variants.split(",")) {
  const { scenario, road } = cityScenario(Number(values.seed), 300, 40, Number(values.years));
  if (v.startsWith("pruned")) scenario.policy.maxSitesPerZone = 10;
  const c0 = process.cpuUsage();
  const lagrangian = v.endsWith("+lagrangian");
  const r = await solveSiting(scenario, { road }, { timeLimitS: limit, mipGap: 1e-4, warmStart: v.endsWith("+start") || lagrangian, lagrangian });
  const c = process.cpuUsage(c0);
  rows.push({ v, obj: r.siting.objectiveUsd, bound: r.siting.boundUsd, gap: r.siting.gap, s: r.siting.seconds, cpuS: (c.user + c.system) / 1e6, status: r.siting.status, hubs: r.siting.hubs.length, totalUsd: r.annual.costUsdPerYear.total });
}
// A pruned model's bound does not bound the full model: only full variants set the reference.
const bestBound = Math.max(...rows.filter((r) => !r.v.startsWith("pruned")).map((r) => r.bound), -Infinity);
const bestObj = Math.min(...rows.map((r) => r.obj));
process.stdout.write(
  "| variant | status | wall s | CPU s | objective (net cost) USD | own bound USD | own gap on net % | own gap on total cost % | gap to best bound of the run, on net % | total cost USD | hubs |\n|---|---|---|---|---|---|---|---|---|---|---|\n",
);
for (const r of rows)
  process.stdout.write(
    `| ${r.v} | ${r.status} | ${r.s.toFixed(1)} | ${r.cpuS.toFixed(1)} | ${r.obj.toFixed(0)} | ${r.bound.toFixed(0)} | ${(r.gap * 100).toFixed(3)} | ${years === 1 ? (((r.obj - r.bound) / r.totalUsd) * 100).toFixed(3) : "n/a"} | ${(((r.obj - bestBound) / Math.abs(r.obj)) * 100).toFixed(3)} | ${r.totalUsd.toFixed(0)} | ${r.hubs} |\n`,
  );
process.stdout.write(`\nload average at end ${loadavg()[0].toFixed(1)}; best objective ${bestObj.toFixed(0)}, best bound ${bestBound.toFixed(0)} (from the full-model variants; a pruned variant's own bound holds for the pruned model only)\n`);
