#!/usr/bin/env node
// Writes the "What the plan says" section of a place's README from an actual plan: solves the
// scenario with a fixed seed and iteration bound (or reads a plan.json) and splices the text in.
// Usage: node datasets/tools/plan-says.mjs <place> [--plan plan.json]   (after npm run build)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { grouped } from "../lib/numbers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const place = process.argv[2];
const planArg = process.argv.indexOf("--plan");
// The iteration bound decides; the time limit is only there so a busy machine does not cut the routing short.
const SOLVE = ["--seed", "1", "--iterations", "2000", "--time-limit", "300"];

const scenarioFile = join(root, "datasets", place, "scenario.json");
let planFile;
if (planArg > 0) planFile = process.argv[planArg + 1];
else {
  const out = mkdtempSync(join(tmpdir(), `plan-${place}-`));
  execFileSync(process.execPath, [join(root, "dist/src/cli/main.js"), "solve", scenarioFile, "--out", out, "--json", ...SOLVE], { stdio: ["ignore", "ignore", "inherit"] });
  planFile = join(out, "plan.json");
}
const plan = JSON.parse(readFileSync(planFile, "utf8"));
const scenario = JSON.parse(readFileSync(scenarioFile, "utf8"));
const k = plan.kpis;
const usd = (v) => `$${grouped(Math.round(v))}`;
const t = (v) => (v >= 10 ? grouped(Math.round(v)) : v.toFixed(1));
const kg = (v) => (v >= 1000 ? `${(v / 1000).toFixed(1)} t` : `${v >= 10 ? Math.round(v) : v.toFixed(1)} kg`);
const name = (list, id) => list.find((x) => x.id === id)?.name ?? id;

const hubs = plan.siting.hubs.map((h) => {
  const zones = plan.siting.assignments.filter((a) => a.hubId === h.siteId).length;
  const ents = h.enterprises.map((e) => name(scenario.enterprises, e));
  return `**${h.name ?? h.siteId}** (${h.sizeId}, ${grouped(h.capacityTPerYear)} t/yr) takes ${t(h.inflowTPerYear)} t/yr from ${zones} zones (${Math.round(h.utilisation * 100)}% of capacity)${ents.length ? `, with ${ents.join(", ")} co-located` : ""}`;
});
const units = Object.entries(k.unitsCollectedPerYear).sort((a, b) => b[1] - a[1]).map(([s, n]) => `${grouped(Math.round(n))} ${name(scenario.streams, s).toLowerCase()}`);
const recovered = Object.entries(k.materialRecoveredKgPerYear).filter(([m]) => m !== "plastics").map(([m, v]) => `${kg(v)} ${m}`);
const revenue = {};
for (const f of plan.siting.flows) if (f.to !== "disposal") revenue[f.to] = (revenue[f.to] ?? 0) + f.revenueUsdPerYear;
const buyers = Object.entries(revenue).sort((a, b) => b[1] - a[1]).map(([o, r]) => `${name(scenario.offtakers, o)} ${usd(r)}`);
const byMaterial = {};
for (const f of plan.siting.flows) byMaterial[f.material] = (byMaterial[f.material] ?? 0) + f.revenueUsdPerYear;
const [topMaterial, topRevenue] = Object.entries(byMaterial).sort((a, b) => b[1] - a[1])[0];
const modes = [...new Set(plan.siting.flows.filter((f) => f.to !== "disposal" && f.tonnesPerYear > 1e-6).map((f) => f.mode))];
const disposal = plan.siting.flows.filter((f) => f.to === "disposal");
const disposed = disposal.reduce((a, f) => a + f.tonnesPerYear, 0);
const disposedBy = {};
for (const f of disposal) disposedBy[f.material] = (disposedBy[f.material] ?? 0) + f.tonnesPerYear;
const disposedWhat = Object.entries(disposedBy).filter(([, v]) => v >= 0.05).sort((a, b) => b[1] - a[1]).map(([m, v]) => `${t(v)} t ${m}`);
const c = k.costUsdPerYear;
const net = k.netCostUsdPerYear;
const d = k.day;

const text = `Solved with \`urbanmine solve datasets/${place}/scenario.json ${SOLVE.join(" ")}\`: siting ${plan.siting.status} (gap ${(plan.siting.gap * 100).toFixed(2)}%) by ${plan.siting.solver}; travel by ${plan.network}.

- **Hubs**: ${hubs.join("; ")}. ${k.hubsOpened} hub${k.hubsOpened > 1 ? "s" : ""} opened, ${t(k.jobs)} jobs at the plan's throughput${k.jobsAtFullThroughput !== undefined && Math.abs(k.jobsAtFullThroughput - k.jobs) > 0.05 ? ` (${t(k.jobsAtFullThroughput)} if the co-located enterprises ran at full throughput)` : ""}.
- **Collected**: ${t(k.tonnesCollectedTotalPerYear)} t/yr — ${units.join(", ")}.
- **Recovered (sold) per year**: ${recovered.join(", ")}; ${t(disposed)} t go to disposal unsold (${disposedWhat.join(", ")}), not counted as recovered.
- **Money**: costs ${usd(c.total)}/yr (hub fixed ${usd(c.hubFixed)}, processing ${usd(c.processing)}, collection ${usd(c.collectionTransport)}, line haul ${usd(c.lineHaul)}, disposal ${usd(c.disposal)}, CO2 charge ${usd(c.co2)}) against revenue ${usd(k.revenueUsdPerYear)} (${buyers.join(", ")}), by ${modes.join(" and ")}: ${net <= 0 ? `a surplus of ${usd(-net)}/yr, ${usd(-k.netCostUsdPerTonne)} per tonne` : `a net cost of ${usd(net)}/yr, ${usd(k.netCostUsdPerTonne)} per tonne`}. ${topMaterial[0].toUpperCase()}${topMaterial.slice(1)} alone brings ${Math.round((100 * topRevenue) / k.revenueUsdPerYear)}% of the revenue, at an assumed price: the result is only as good as that assumption.
- **CO2**: ${t(k.co2TPerYear)} t/yr from collection routes, line haul and processing.${collectionLine(k.collection)}
- **A day (${d.date})**: ${d.stopsServed} pickups served${d.stopsUnassigned ? `, ${d.stopsUnassigned} left unassigned` : ""} by ${d.vehiclesUsed} vehicle${d.vehiclesUsed === 1 ? "" : "s"} over ${t(d.kmDriven)} km, ${kg(d.collectedKg)} collected, ${usd(d.costUsd)} and ${t(d.co2Kg)} kg CO2.
`;

function collectionLine(r) {
  if (!r) return "";
  const how = r.calibrated
    ? `siting's route-based estimate, calibrated in ${r.rounds} siting solves (× ${r.costScale.toFixed(2)} on cost, × ${r.co2Scale.toFixed(2)} on CO2)`
    : r.method === "routes" ? "siting's route-based estimate" : "siting's flat per-tonne-km factor, not calibrated";
  return `\n- **Collection, siting against routes**: ${how}: ${usd(r.estimateUsdPerYear)} and ${t(r.estimateCo2TPerYear)} t CO2 a year; the routed day × ${scenario.policy.workingDaysPerYear} working days: ${usd(r.routedUsdPerYear)} and ${t(r.routedCo2TPerYear)} t (ratio ${r.ratio.toFixed(2)}).${r.method === "per-t-km" ? ` ${r.note}.` : ""}`;
}

const readmeFile = join(root, "datasets", place, "README.md");
const readme = readFileSync(readmeFile, "utf8");
const start = readme.indexOf("## What the plan says");
const end = readme.indexOf("\n## ", start + 5);
if (start < 0 || end < 0) throw new Error(`${readmeFile} has no "## What the plan says" section followed by another section`);
writeFileSync(readmeFile, `${readme.slice(0, start)}## What the plan says\n\n${text}${readme.slice(end)}`);
console.log(text);
