// Stress keeps the solved plan's zone → hub assignment, splits included. Hand-made case where
// the largest-first greedy rule and the MILP differ: h1 (40 t) is 1 km from z1 (34 t) and 13 km
// from z2 (25 t); h2 (36 t) is the far hub for both and the near one for z3 (16 t). Greedy would
// put all of z1 on h1, z2 on h2, then z3 nowhere with room: h2 over by 5 t. The MILP fills h1 with
// z2 (larger saving per tonne) and 15 t of z1, the other 19 t of z1 and z3 at h2: nothing over.
// Hub loads are recomputed here from the scenario's units × unit masses and the plan's fractions.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parseScenario, type Plan, type Scenario, type ScenarioInput } from "../../src/domain/index.js";
import { runScenario, stressPlan } from "../../src/pipeline/index.js";
import { scenarioInput } from "../fixtures/echelons.js";

const tiny = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/tiny-scenario.json", import.meta.url)), "utf8"));

function splitCase(z2Factor = 1): Scenario {
  const s = structuredClone(tiny);
  s.zones[1].location = { lat: 36.3, lon: -86.2 };
  s.zones[1].unitsPerYear = { laptop: 15000 * z2Factor, "li-battery": 2000 * z2Factor };
  s.hubSites[0].sizes = [{ id: "only", capacityTPerYear: 40, fixedCostUsdPerYear: 40000 }];
  s.hubSites[1].sizes = [{ id: "only", capacityTPerYear: 36, fixedCostUsdPerYear: 35000 }];
  for (const h of s.hubSites) h.status = "forced-open";
  s.transport.collectionCostUsdPerTKm = 2;
  s.policy.singleSourcing = false;
  return parseScenario(s);
}

/** Tonnes a year of each zone, from its units and the streams' unit masses. */
const zoneTonnes = (s: Scenario): Map<string, number> =>
  new Map(s.zones.map((z) => [z.id, s.streams.reduce((a, st) => a + ((z.unitsPerYear?.[st.id] ?? 0) * st.unitMassKg) / 1000, 0)]));

let scenario: Scenario;
let plan: Plan;
const opts = { samples: 20, seed: 3, supplyCv: 0, mixCv: 0, baseDir: "." };

beforeAll(async () => {
  scenario = splitCase();
  plan = await runScenario(scenario, { baseDir: ".", seed: 1, routingIterations: 30, timeLimitS: 60 });
});

describe("stress starts from the plan's assignment", () => {
  it("the case is one where the plan splits a zone, unlike the greedy rule", () => {
    const t = zoneTonnes(scenario);
    expect([t.get("z1"), t.get("z2"), t.get("z3")]).toEqual([34, 25, 16]);
    const z1 = plan.siting.assignments.filter((a) => a.zoneId === "z1");
    expect(z1.map((a) => a.hubId).sort()).toEqual(["h1", "h2"]);
    expect(z1.find((a) => a.hubId === "h1")!.fraction * 34).toBeCloseTo(15, 6);
    expect(plan.siting.assignments.find((a) => a.zoneId === "z2")).toMatchObject({ hubId: "h1", fraction: 1 });
  });

  it("the plan's own supply lands on the plan's hub loads, nothing over capacity, same figures", async () => {
    const r = await stressPlan(plan, scenario, opts);
    const t = zoneTonnes(scenario);
    const load = new Map<string, number>();
    for (const a of plan.siting.assignments) load.set(a.hubId, (load.get(a.hubId) ?? 0) + a.fraction * t.get(a.zoneId)!);
    expect(load.get("h1")).toBeCloseTo(40, 6);
    expect(load.get("h2")).toBeCloseTo(35, 6);
    for (const h of r.hubs) expect(h.planUtilisation * h.capacityTPerYear).toBeCloseTo(load.get(h.siteId)!, 6);
    expect(r.deterministic.overCapacityT).toBe(0);
    expect(r.deterministic.hubsOverCapacity).toBe(0);
    expect(r.deterministic.supplyT).toBeCloseTo(75, 9);
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
    expect(rel(r.deterministic.costUsd, plan.kpis.costUsdPerYear.total)).toBeLessThan(1e-9);
    expect(rel(r.deterministic.co2T, plan.kpis.co2TPerYear)).toBeLessThan(1e-9);
    // samples drawn without spread are the plan's supply: none runs over either
    for (const x of r.results) expect(x.overCapacityT).toBe(0);
  });

  it("a sample over a hub's capacity sheds the overflow to the hub with room, the rest stays over", async () => {
    // z2 doubled (50 t): h1 gets 50 + 15 t on the plan's fractions, h2 35 t of 36: 1 t can move
    const heavy = splitCase(2);
    const r = await stressPlan(plan, heavy, opts);
    const total = [...zoneTonnes(heavy).values()].reduce((a, v) => a + v, 0);
    expect(total).toBeCloseTo(100, 9);
    expect(r.deterministic.overCapacityT).toBeCloseTo(total - 76, 6);
    const util = new Map(r.hubs.map((h) => [h.siteId, h.planUtilisation * h.capacityTPerYear]));
    expect(util.get("h2")).toBeCloseTo(36, 6);
    expect(util.get("h1")).toBeCloseTo(64, 6);
    expect(r.deterministic.hubsOverCapacity).toBe(1);
  });
});

describe("stress starts from the plan's hub → centre shipments", () => {
  // One hub A (80 t of laptops), centres C2 by Nashville (20 t, near) and C by Memphis (500 t,
  // far), both open. The plan fills C2 and sends the rest to C: one hub's stream split over two
  // centres. The largest-first greedy rule would send all 80 t to C, the cheapest with room.
  function centresCase(): Scenario {
    const s = scenarioInput() as unknown as { channels?: unknown; zones: Array<{ minCaptureRate?: number }>; regional: { centres: Array<Record<string, unknown>> } };
    delete s.channels;
    delete s.zones[1].minCaptureRate;
    s.regional.centres[0].status = "forced-open";
    s.regional.centres.push({
      id: "C2", name: "Nashville centre", location: { lat: 36.16, lon: -86.78 }, processSteps: ["shredding"], status: "forced-open",
      sizes: [{ id: "only", capacityTPerYear: 20, fixedCostUsdPerYear: 10, jobs: 2 }],
    });
    return parseScenario(s as unknown as ScenarioInput);
  }

  it("the plan's own supply ships what the plan ships, at the plan's cost", async () => {
    const sc = centresCase();
    const p = await runScenario(sc, { baseDir: ".", seed: 1, routingIterations: 30, timeLimitS: 60 });
    const shipped = new Map<string, number>();
    for (const x of p.siting.shipments ?? []) shipped.set(x.centreId, (shipped.get(x.centreId) ?? 0) + x.tonnesPerYear);
    // 40,000 laptops × 2 kg reach A; the plan splits them 20 / 60
    expect(shipped.get("C2")).toBeCloseTo(20, 6);
    expect(shipped.get("C")).toBeCloseTo(60, 6);
    const r = await stressPlan(p, sc, opts);
    const centreLoad = new Map(r.centres.map((c) => [c.siteId, c.utilisation.p50 * c.capacityTPerYear]));
    // no spread: every sample is the plan's supply
    expect(centreLoad.get("C2")).toBeCloseTo(20, 6);
    expect(centreLoad.get("C")).toBeCloseTo(60, 6);
    expect(r.deterministic.overCapacityT).toBe(0);
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
    expect(rel(r.deterministic.costUsd, p.kpis.costUsdPerYear.total)).toBeLessThan(1e-9);
    expect(rel(r.deterministic.revenueUsd, p.kpis.revenueUsdPerYear)).toBeLessThan(1e-9);
    expect(rel(r.deterministic.co2T, p.kpis.co2TPerYear)).toBeLessThan(1e-9);
  });
});
