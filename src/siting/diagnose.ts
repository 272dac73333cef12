// Explains an infeasible scenario in planner's words. First direct checks of the usual causes
// (stranded zones, too little capacity, offtake minimums above supply, forced hubs against
// limits); if none fires, constraint groups are dropped one at a time and the first whose
// removal makes the model feasible is named.
import type { MilpSolver } from "./milp/solver.js";
import type { SitingData } from "./siting-data.js";
import { buildSitingData } from "./siting-data.js";
import { buildSitingModel, type RelaxGroup } from "./siting-model.js";

const fmt = (v: number, digits = 1): string => v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits > 0 ? 1 : 0 });

/** Causes found by direct checks; empty when none of them applies. */
export function findInfeasibilityCauses(data: SitingData): string[] {
  const s = data.scenario;
  const out: string[] = [];
  const radius = s.policy.coverageRadiusKm;
  for (const { zone, nearestKm } of data.stranded) {
    const z = s.zones[zone];
    out.push(
      Number.isFinite(nearestKm)
        ? `zone ${z.id} has no candidate hub within the ${fmt(radius ?? Infinity)} km coverage radius (nearest: ${fmt(nearestKm)} km)`
        : `zone ${z.id} cannot reach any candidate hub on the road network`,
    );
  }
  const open = s.hubSites.filter((h) => h.status !== "forced-closed");
  const forced = s.hubSites.filter((h) => h.status === "forced-open" || h.status === "existing");
  if (s.policy.maxHubs !== undefined && forced.length > s.policy.maxHubs)
    out.push(`${forced.length} hubs are forced open or existing (${forced.map((h) => h.id).join(", ")}) but at most ${s.policy.maxHubs} may be open`);
  const budget = s.policy.budgetUsdPerYear;
  if (budget !== undefined) {
    const least = forced.reduce((a, h) => a + Math.min(...h.sizes.map((k) => k.fixedCostUsdPerYear)), 0);
    if (least > budget) out.push(`the hubs forced open cost at least ${fmt(least, 0)} USD/yr in fixed costs, above the budget of ${fmt(budget, 0)} USD/yr`);
  }
  for (let t = 1; t <= data.years; t++) {
    const yr = data.years > 1 ? ` in year ${t}` : "";
    const supply = data.supplyT.reduce((a, row, zi) => a + (t >= data.joinYear[zi] ? data.supplyFactor[zi][t - 1] * row.reduce((x, v) => x + v, 0) : 0), 0);
    const caps = open.map((h) => Math.max(...h.sizes.map((k) => k.capacityTPerYear))).sort((a, b) => b - a);
    const limit = s.policy.maxHubs ?? caps.length;
    const cap = caps.slice(0, limit).reduce((a, v) => a + v, 0);
    // With channels the zones' supply is what the channels capture, a decision: no such check.
    if (!data.channels && cap < supply * (1 - 1e-9)) {
      const what = limit < caps.length ? `of the ${limit} largest candidate hubs (max hubs ${limit})` : "of all candidate hubs";
      out.push(`total capacity ${what} is ${fmt(cap)} t/yr but zones supply ${fmt(supply)} t/yr${yr}`);
    }
    s.materials.forEach((m, mi) => {
      let can = 0;
      data.supplyT.forEach((row, zi) => {
        if (t >= data.joinYear[zi]) row.forEach((tons, si) => (can += data.supplyFactor[zi][t - 1] * tons * data.yieldT[si][mi]));
      });
      const mins = s.offtakers.flatMap((o) => o.accepts.filter((a) => a.material === m.id && a.minTPerYear > 0).map((a) => ({ o, min: a.minTPerYear })));
      const need = mins.reduce((a, x) => a + x.min, 0);
      if (need > can * (1 + 1e-9))
        out.push(`offtaker minimums for ${m.name} (${mins.map((x) => `${x.o.id} ${fmt(x.min, 2)} t`).join(", ")}) exceed what the zones can supply: ${fmt(can, 2)} t/yr${yr}`);
      for (const { o } of mins) {
        const oi = s.offtakers.indexOf(o);
        if (data.routes.every((row) => row[oi].length === 0)) out.push(`offtaker ${o.id} has a minimum for ${m.name} but no hub site can ship to it by ${o.modes.join(" or ")}`);
      }
    });
  }
  return out;
}

const GROUP_WORDS: Record<Exclude<RelaxGroup, "validCuts"> | "coverage", string> = {
  coverage: "the coverage radius leaves some zones without an admissible hub that can be opened together with the others",
  capacity: "hub capacities cannot take all the zones' supply under the other limits (budget, max hubs, coverage)",
  maxHubs: `the maximum number of hubs is too low to serve every zone within the other limits`,
  budget: "the budget on fixed costs is too low to open enough hub capacity for every zone",
  offtakeMinimum: "the offtakers' take-or-pay minimums cannot all be met from the hubs that can be opened",
  co2Cap: "the emissions cap is below the least CO2 any plan that serves every zone emits",
  forcedOpen: "the hubs forced open or existing conflict with the budget or the maximum number of hubs",
  disposalLimit: "the disposal limit is below what the hubs recover and no offtaker can buy (policy.disposalLimitTPerYear)",
};

/**
 * Drops one constraint group at a time and names the first whose removal restores feasibility.
 * Each trial is a solve limited to `trialS` seconds; no trial starts after `deadlineMs` (performance.now()).
 */
export async function diagnoseByRelaxation(
  data: SitingData,
  travel: Parameters<typeof buildSitingData>[1],
  solver: MilpSolver,
  trialS: number,
  deadlineMs = Infinity,
): Promise<string> {
  const found: string[] = [];
  // Policy limits first (a planner can change them), physical capacity last.
  const groups: Array<Exclude<RelaxGroup, "validCuts"> | "coverage"> = ["coverage", "budget", "maxHubs", "offtakeMinimum", "co2Cap", "disposalLimit", "forcedOpen", "capacity"];
  for (const g of groups) {
    if (g === "capacity" && found.length > 0) break;
    const relevant =
      (g === "coverage" && data.scenario.policy.coverageRadiusKm !== undefined) ||
      (g === "maxHubs" && data.scenario.policy.maxHubs !== undefined) ||
      (g === "budget" && data.scenario.policy.budgetUsdPerYear !== undefined) ||
      (g === "co2Cap" && data.scenario.policy.co2CapTPerYear !== undefined) ||
      (g === "disposalLimit" && data.scenario.policy.disposalLimitTPerYear !== undefined) ||
      (g === "offtakeMinimum" && data.scenario.offtakers.some((o) => o.accepts.some((a) => a.minTPerYear > 0))) ||
      (g === "forcedOpen" && data.scenario.hubSites.some((h) => h.status === "forced-open" || h.status === "existing")) ||
      g === "capacity";
    if (!relevant) continue;
    if (performance.now() > deadlineMs) break;
    const model =
      g === "coverage" ? buildSitingModel(buildSitingData(data.scenario, travel, true, data.collection.method === "routes" ? data.collection.scale : undefined)) : buildSitingModel(data, new Set([g]));
    const r = await solver.solve(model.milp, { timeLimitS: trialS, mipGap: 1 });
    if (r.status !== "infeasible" && r.status !== "no-solution") found.push(GROUP_WORDS[g]);
  }
  return found.length > 0
    ? `no plan satisfies the scenario: ${found.join("; or ")}`
    : performance.now() > deadlineMs
      ? "no plan satisfies the scenario; the time limit ended the search for the binding constraint group (coverage, capacity, max hubs, budget, offtake minimums, CO2 cap, forced hubs) before one was found"
      : "no plan satisfies the scenario, and no single constraint group (coverage, capacity, max hubs, budget, offtake minimums, CO2 cap, forced hubs) explains it alone: several bind together";
}
