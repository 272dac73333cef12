// Stress on a plan with collection channels, a drop-off point and a regional centre: the plan's
// channels, point and centre are kept; the plan's own supply re-priced lands on the solved plan's
// figures, and each sample's collected tonnes are recomputed here from the drawn supplies and the
// zones' chosen capture rates.
import { beforeAll, describe, expect, it } from "vitest";
import { parseScenario, type Plan, type Scenario, zoneAvailableUnitsPerYear } from "../../src/domain/index.js";
import { runScenario, sampleSupplies, stressPlan } from "../../src/pipeline/index.js";
import { scenarioInput } from "../fixtures/echelons.js";

let scenario: Scenario;
let plan: Plan;

beforeAll(async () => {
  scenario = parseScenario(scenarioInput());
  plan = await runScenario(scenario, { baseDir: ".", seed: 1, routingIterations: 50, timeLimitS: 60 });
});

const near = (a: number, b: number, rel = 1e-9) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));

describe("stress with channels and regional centres", () => {
  it("keeps the plan's channels, drop-off point and centre; the plan's own supply gives the plan's figures", async () => {
    const r = await stressPlan(plan, scenario, { samples: 50, seed: 7, supplyCv: 0.3, mixCv: 0.15, baseDir: "." });
    expect(r.centres.map((c) => c.siteId)).toEqual(["C"]);
    near(r.deterministic.supplyT, plan.kpis.tonnesCollectedTotalPerYear);
    near(r.deterministic.revenueUsd, plan.kpis.revenueUsdPerYear, 1e-6);
    near(r.deterministic.costUsd, plan.kpis.costUsdPerYear.total, 1e-6);
    near(r.deterministic.co2T, plan.kpis.co2TPerYear, 1e-6);
    expect(r.deterministic.unservedT).toBe(0);
  });

  it("each sample collects the drawn supply × the zone's chosen capture rates", async () => {
    const opts = { samples: 50, seed: 7, supplyCv: 0.3, mixCv: 0.15, baseDir: "." };
    const r = await stressPlan(plan, scenario, opts);
    // the same draws, made here: available tonnes by zone and stream, then the chosen rates
    const base = scenario.zones.map((z) =>
      Float64Array.from(scenario.streams, (st) => ((zoneAvailableUnitsPerYear(scenario, z)[st.id] ?? 0) * st.unitMassKg) / 1000),
    );
    const rate = scenario.zones.map((z) => plan.siting.channels!.find((c) => c.zoneId === z.id)!.captureRate);
    near(rate[1], 0.5); // Z2: curbside and the point P (Z1 takes what the plan chose for it)
    const draws = sampleSupplies(base, opts);
    draws.forEach((supply, k) => {
      const collected = supply.reduce((a, row, z) => a + row.reduce((x, v) => x + v, 0) * rate[z], 0);
      near(r.results[k].supplyT, collected, 1e-9);
    });
    expect(new Set(r.results.map((x) => x.supplyT.toFixed(6))).size).toBeGreaterThan(40);
    // everything collected goes through hub A (200 t) and on to the one centre C (500 t)
    const supplies = r.results.map((x) => x.supplyT);
    expect(r.hubs.map((h) => h.siteId)).toEqual(["A"]);
    near(r.hubs[0].utilisation.p50, percentileOf(supplies.map((v) => v / 200), 0.5));
    near(r.centres[0].utilisation.p50, percentileOf(supplies.map((v) => v / 500), 0.5));
  });
});

/** Type-7 percentile, written out again: sorted values, position q(n-1), linear between ranks. */
function percentileOf(xs: number[], q: number): number {
  const v = xs.slice().sort((a, b) => a - b);
  const h = (v.length - 1) * q;
  return v[Math.floor(h)] + (h - Math.floor(h)) * (v[Math.ceil(h)] - v[Math.floor(h)]);
}
