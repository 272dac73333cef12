// Regional centres on line scenarios worked out by hand: a stream sorted at its city hub goes on
// to a regional centre for shredding, by rail through two terminals when that is cheaper than the
// road (and by road when it is not); mass balances close at the hub and at the centre.
import { describe, expect, it } from "vitest";
import { parseScenario, type ScenarioInput } from "../../src/domain/index.js";
import { buildSitingData, solveSiting } from "../../src/siting/index.js";
import { checkSitingPlan } from "../../src/siting/plan-check.js";
import { buildSitingModel } from "../../src/siting/siting-model.js";
import { decodeYears, polishYear } from "../../src/siting/year-plan.js";
import { HighsSolver } from "../../src/siting/milp/highs-adapter.js";
import { lineMatrix, type LinePlace } from "./fixtures.js";

const opts = { timeLimitS: 60, mipGap: 1e-9 };
const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b)));
const loc = { lat: 36.2, lon: -86.3 };

/**
 * Zone Z (100 t of 2 kg laptops, 0.5 kg copper each) at hub A (x = 0; fixed 1,000 USD/yr; it
 * sorts: 60 USD/t in-house); regional centre C at x = `centreX` (fixed 2,000 USD/yr, 10 USD/t
 * handling; it shreds: 40 USD/t in-house) with offtaker O beside it (copper 1,000 USD/t);
 * terminals T1 at x = 1 and T2 at x = centreX − 1 (5 USD/t to transfer). Road 0.1 USD/t-km,
 * rail 0.03 USD/t-km; rail km = |Δx| between terminals and to the rail-served centre.
 */
function regionalScenario(centreX: number, centreModes: string[] = ["road", "rail"]) {
  const input = {
    id: "regional",
    name: "regional test",
    region: { name: "test" },
    materials: [{ id: "copper", name: "Copper" }],
    streams: [{ id: "laptop", name: "Laptop", unitMassKg: 2, unitVolumeM3: 0.01, processSteps: ["sorting", "shredding"], composition: [{ material: "copper", kgPerUnit: 0.5 }] }],
    zones: [{ id: "Z", location: loc, unitsPerYear: { laptop: 50_000 } }],
    hubSites: [{ id: "A", location: loc, processSteps: ["sorting"], sizes: [{ id: "only", capacityTPerYear: 200, fixedCostUsdPerYear: 1000 }] }],
    regional: {
      steps: ["shredding"],
      centres: [{ id: "C", location: loc, processSteps: ["shredding"], modes: centreModes, variableCostUsdPerT: 10, sizes: [{ id: "only", capacityTPerYear: 500, fixedCostUsdPerYear: 2000, jobs: 7 }] }],
    },
    offtakers: [{ id: "O", name: "O", location: loc, accepts: [{ material: "copper", priceUsdPerT: 1000 }] }],
    terminals: [
      { id: "T1", location: loc, modes: ["road", "rail"], transferCostUsdPerT: 5 },
      { id: "T2", location: loc, modes: ["road", "rail"], transferCostUsdPerT: 5 },
    ],
    carriers: [{ id: "c", name: "c", vehicles: [{ id: "v", capacityKg: 1000, capacityM3: 10, costUsdPerKm: 1, costUsdPerHour: 0, fixedCostUsdPerDay: 0, co2KgPerKm: 0, shift: { start: "08:00", end: "17:00" } }] }],
    transport: { road: { costUsdPerTKm: 0.1, co2KgPerTKm: 0.1, speedKmh: 60 }, rail: { costUsdPerTKm: 0.03, co2KgPerTKm: 0.02, speedKmh: 40 }, collectionCostUsdPerTKm: 1 },
    processing: { steps: { sorting: { inHouseCostUsdPerT: 60, outsourceCostUsdPerT: 120, co2KgPerT: 0 }, shredding: { inHouseCostUsdPerT: 40, outsourceCostUsdPerT: 90, co2KgPerT: 0 } } },
    policy: { disposalCostUsdPerT: 0, mipGap: 1e-9 },
  } as unknown as ScenarioInput;
  const scenario = parseScenario(input);
  const places: LinePlace[] = [
    { id: "Z", x: 0 },
    { id: "A", x: 0 },
    { id: "C", x: centreX },
    { id: "O", x: centreX },
    { id: "T1", x: 1 },
    { id: "T2", x: centreX - 1 },
  ];
  return { scenario, road: lineMatrix(places), rail: lineMatrix(places, "rail") };
}

describe("regional centres", () => {
  it("sends the sorted stream 1,000 km to the centre by rail, which must win: 35.07 against 100 USD/t by road", async () => {
    // rail: road A→T1 1 km × 0.1 + rail T1→C 999 km × 0.03 + transfer 5       = 35.07 USD/t
    //   (through T2 instead: 0.1 + 998 × 0.03 + 0.1 + 5 + 5                   = 40.14 USD/t)
    // road: 1,000 km × 0.1                                                     = 100 USD/t
    const { scenario, road, rail } = regionalScenario(1000);
    const r = await solveSiting(scenario, { road, rail }, opts);
    const ship = r.siting.shipments!;
    expect(ship).toHaveLength(1);
    expect(ship[0]).toMatchObject({ hubId: "A", centreId: "C", stream: "laptop", mode: "rail", via: "road→T1 rail→C" });
    near(ship[0].tonnesPerYear, 100);
    near(ship[0].transportCostUsdPerYear, 100 * 35.07);
    // objective: hub 1,000 + sorting 100 × 60 + rail 3,507 + centre 2,000 + shredding 100 × 40
    //   + centre handling 100 × 10 − copper 25 t × 1,000                         = −7,493 USD
    near(r.siting.objectiveUsd, 1000 + 6000 + 3507 + 2000 + 4000 + 1000 - 25_000);
    expect(r.siting.centres!.map((c) => c.siteId)).toEqual(["C"]);
    expect(r.annual.regionalCentresOpened).toBe(1);
    near(r.annual.jobs, 7);
    // mass balance per node: the hub ships all it receives; the centre sells 25 t, 75 t is residue
    const hub = r.massBalance.find((m) => m.hubId === "A")!;
    near(hub.inKg, 100_000);
    near(hub.shippedKg!, 100_000);
    near(hub.lossKg, 0);
    near(hub.materialsKg.copper, 0);
    const centre = r.massBalance.find((m) => m.hubId === "C")!;
    expect(centre.echelon).toBe("regional");
    near(centre.inKg, 100_000);
    near(centre.materialsKg.copper, 25_000);
    near(centre.lossKg, 75_000);
    const all = r.massBalance.find((m) => m.hubId === "all")!;
    near(all.inKg, 100_000);
    near(all.materialsKg.copper + all.disposedKg!.copper + all.lossKg, 100_000);
    const sale = r.siting.flows.find((f) => f.to === "O")!;
    expect(sale).toMatchObject({ hubId: "C", echelon: "regional", material: "copper" });
    near(sale.tonnesPerYear, 25);
  });

  it("keeps the road where rail is dearer: 60 km costs 6 USD/t by road, 6.87 by rail", async () => {
    // rail: 0.1 + 59 × 0.03 + 5 = 6.87 USD/t; road: 60 × 0.1 = 6 USD/t
    const { scenario, road, rail } = regionalScenario(60);
    const r = await solveSiting(scenario, { road, rail }, opts);
    expect(r.siting.shipments![0].mode).toBe("road");
    near(r.siting.shipments![0].transportCostUsdPerYear, 600);
    near(r.siting.objectiveUsd, 1000 + 6000 + 600 + 2000 + 4000 + 1000 - 25_000);
  });

  it("a centre off the rail gets the stream by rail to the nearest terminal and road from there: 40.14 USD/t", async () => {
    // road A→T1 1 km × 0.1 + rail T1→T2 998 km × 0.03 + road T2→C 1 km × 0.1 + 2 transfers × 5
    const { scenario, road, rail } = regionalScenario(1000, ["road"]);
    const r = await solveSiting(scenario, { road, rail }, opts);
    expect(r.siting.shipments![0]).toMatchObject({ mode: "rail", via: "road→T1 rail→T2 road→C" });
    near(r.siting.objectiveUsd, 1000 + 6000 + 4014 + 2000 + 4000 + 1000 - 25_000);
  });

  it("the checker names a hub that keeps a regional stream and a shipment to a closed centre", async () => {
    const { scenario, road, rail } = regionalScenario(1000);
    const data = buildSitingData(scenario, { road, rail });
    const model = buildSitingModel(data);
    const res = await new HighsSolver().solve(model.milp, { timeLimitS: 30, mipGap: 1e-9 });
    const plans = decodeYears(model, res.x!).map((p) => polishYear(data, p));
    expect(checkSitingPlan(data, road, plans).ok).toBe(true);
    const kept = plans.map((p) => ({ ...p, centres: { ...p.centres!, shipped: [], sold: [], disposed: [] } }));
    expect(checkSitingPlan(data, road, kept).violations.join("; ")).toMatch(/hub A receives 100 t of laptop but ships 0 t/);
    const closed = plans.map((p) => ({ ...p, centres: { ...p.centres!, open: [] } }));
    expect(checkSitingPlan(data, road, closed).violations.join("; ")).toMatch(/ships to centre C, which is not open/);
  });
});
