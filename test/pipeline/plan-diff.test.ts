// Plan diff on two real lebanon-tn plans: CO2 price 0, and CO2 price 500 with a 45 km coverage
// radius (on its own the CO2 price leaves lebanon-tn's plan as it is: one small hub's fixed cost
// dwarfs collection). Expected changes are recomputed here from the two plans.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { parseScenario, type Plan, type Scenario } from "../../src/domain/index.js";
import { diffPlans, diffScenarios, runScenario } from "../../src/pipeline/index.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const file = join(root, "datasets/lebanon-tn/scenario.json");
const base = parseScenario(JSON.parse(readFileSync(file, "utf8")));
const variant: Scenario = { ...base, policy: { ...base.policy, co2PriceUsdPerT: 500, coverageRadiusKm: 45 } };
let a: Plan;
let b: Plan;

beforeAll(async () => {
  const opts = { baseDir: dirname(file), seed: 1, routingIterations: 100, timeLimitS: 120 };
  a = await runScenario(base, opts);
  b = await runScenario(variant, opts);
});

const hubSizes = (p: Plan) => new Map(p.siting.hubs.map((h) => [h.siteId, h.sizeId]));
const zoneHubs = (p: Plan) => {
  const m = new Map<string, string>();
  for (const x of p.siting.assignments) m.set(x.zoneId, [m.get(x.zoneId), x.hubId].filter(Boolean).sort().join("+"));
  return m;
};

describe("plan diff", () => {
  it("lists the hubs and zones that changed between two lebanon-tn plans", () => {
    const d = diffPlans(a, b, { a: base, b: variant });
    const ha = hubSizes(a);
    const hb = hubSizes(b);
    expect(d.hubs.opened.map((h) => h.siteId)).toEqual([...hb.keys()].filter((k) => !ha.has(k)).sort());
    expect(d.hubs.closed.map((h) => h.siteId)).toEqual([...ha.keys()].filter((k) => !hb.has(k)).sort());
    expect(d.hubs.resized.map((h) => h.siteId)).toEqual([...ha.keys()].filter((k) => hb.has(k) && hb.get(k) !== ha.get(k)).sort());
    // the variant's radius makes hubs open: the diff is not empty
    expect(d.hubs.opened.length + d.hubs.closed.length + d.hubs.resized.length).toBeGreaterThan(0);

    const za = zoneHubs(a);
    const zb = zoneHubs(b);
    const moved = [...new Set([...za.keys(), ...zb.keys()])].filter((z) => za.get(z) !== zb.get(z)).sort();
    expect(moved.length).toBeGreaterThan(0);
    expect(d.zonesReassigned.map((z) => z.zoneId)).toEqual(moved);
    for (const z of d.zonesReassigned) {
      expect(z.from.map((x) => x.hubId).join("+")).toBe(za.get(z.zoneId) ?? "");
      expect(z.to.map((x) => x.hubId).join("+")).toBe(zb.get(z.zoneId) ?? "");
    }

    // every (hub, material) whose destinations differ, and only those
    const dest = (p: Plan) => {
      const m = new Map<string, Set<string>>();
      for (const f of p.siting.flows) {
        const k = `${f.hubId} ${f.material}`;
        m.set(k, (m.get(k) ?? new Set()).add(`${f.to}/${f.mode}`));
      }
      return m;
    };
    const fa = dest(a);
    const fb = dest(b);
    const same = (x?: Set<string>, y?: Set<string>) => (x?.size ?? 0) === (y?.size ?? 0) && [...(x ?? [])].every((v) => y?.has(v));
    const rerouted = [...new Set([...fa.keys(), ...fb.keys()])].filter((k) => !same(fa.get(k), fb.get(k))).sort();
    expect(d.flowsRerouted.map((f) => `${f.hubId} ${f.material}`).sort()).toEqual(rerouted);

    // KPI rows: b - a for every KPI both report
    const total = d.kpis.find((r) => r.kpi === "costUsdPerYear.total")!;
    expect(total.a).toBe(a.kpis.costUsdPerYear.total);
    expect(total.diff).toBeCloseTo(b.kpis.costUsdPerYear.total - a.kpis.costUsdPerYear.total, 6);
    expect(d.kpis.find((r) => r.kpi === "hubsOpened")!.diff).toBe(b.kpis.hubsOpened - a.kpis.hubsOpened);

    // same scenario id, different inputs: warned, with the two policy numbers named
    expect(d.scenarioDifferences).toEqual(["policy.co2PriceUsdPerT: 0 → 500", "policy.coverageRadiusKm: unset → 45"]);
    expect(d.warnings).toHaveLength(1);
  });

  it("compares the plans' factors when no scenario is given, and finds nothing between a plan and itself", () => {
    const d = diffPlans(a, b);
    expect(d.scenarioDifferences).toEqual(["CO2 price: 0 → 500 USD/t CO2"]);
    const self = diffPlans(a, a);
    expect([self.hubs.opened, self.hubs.closed, self.hubs.resized, self.zonesReassigned, self.flowsRerouted, self.warnings]).toEqual([[], [], [], [], [], []]);
    expect(self.kpis.every((r) => r.diff === 0)).toBe(true);
  });

  it("names scenario differences by id: zones, sites and prices", () => {
    const offer = base.offtakers[0].accepts[0];
    const other: Scenario = {
      ...base,
      id: "other",
      zones: base.zones.slice(1),
      hubSites: base.hubSites.map((h, i) => (i === 0 ? { ...h, status: "forced-closed" as const } : h)),
      offtakers: base.offtakers.map((o, i) => (i === 0 ? { ...o, accepts: [{ ...offer, priceUsdPerT: offer.priceUsdPerT + 1 }, ...o.accepts.slice(1)] } : o)),
    };
    expect(diffScenarios(base, other)).toEqual(
      [
        `hubSites[${base.hubSites[0].id}].status: "candidate" → "forced-closed"`,
        `offtakers[${base.offtakers[0].id}].accepts[${offer.material}].priceUsdPerT: ${offer.priceUsdPerT} → ${offer.priceUsdPerT + 1}`,
        `zones[${base.zones[0].id}]: only in a`,
      ].sort(),
    );
  });

  it("urbanmine compare prints the same diff as JSON, and names a file that is not a plan", async () => {
    const dir = mkdtempSync(join(tmpdir(), "urbanmine-compare-"));
    writeFileSync(join(dir, "a.json"), JSON.stringify(a));
    writeFileSync(join(dir, "b.json"), JSON.stringify(b));
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ ...a, siting: { ...a.siting, hubs: "x" } }));
    const run = promisify(execFile);
    const cli = join(root, "dist/src/cli/main.js");
    const { stdout } = await run(process.execPath, [cli, "compare", join(dir, "a.json"), join(dir, "b.json"), "--json"]);
    const printed = JSON.parse(stdout);
    const d = diffPlans(a, b);
    expect(printed.hubs).toEqual(d.hubs);
    expect(printed.zonesReassigned).toEqual(d.zonesReassigned);
    const bad = await run(process.execPath, [cli, "compare", join(dir, "a.json"), join(dir, "bad.json")]).catch((e: { code: number; stderr: string }) => e);
    expect((bad as { code: number }).code).toBe(2);
    expect((bad as { stderr: string }).stderr).toContain("siting.hubs");
  });
});
