// Hand-computed optima for each feature of the siting model, solved by HiGHS and by
// javascript-lp-solver; every report is also checked for mass balance.
import { describe, expect, it } from "vitest";
import type { Scenario } from "../../src/domain/index.js";
import { solveSiting, type SitingReport } from "../../src/siting/index.js";
import { lineMatrix, lineScenario, twoSites } from "./fixtures.js";

const SOLVERS = ["highs", "lp-solver"] as const;
const opts = (solver: (typeof SOLVERS)[number]) => ({ timeLimitS: 30, mipGap: 1e-9, solver });

/** Equal to a relative 1e-7 (javascript-lp-solver works to about 1e-9). */
function expectNear(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(expected)));
}

function hubs(r: SitingReport): string[] {
  return r.siting.hubs.map((h) => `${h.siteId}:${h.sizeId}`).sort();
}

/**
 * Mass balance to a relative 1e-9: at every hub and overall, device mass in = materials sold +
 * disposed + loss, materials out = 0.25 × in (laptops are 0.5 kg of copper in 2 kg), the overall input
 * equals the assigned tonnes, and no offtaker receives more than its maximum.
 */
function expectBalanced(r: SitingReport, scenario: Scenario): void {
  const rel = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
  for (const row of r.massBalance) {
    const out = Object.values(row.materialsKg).reduce((a, v) => a + v, 0) + Object.values(row.disposedKg ?? {}).reduce((a, v) => a + v, 0);
    rel(row.inKg, out + row.lossKg);
    rel(out, 0.25 * row.inKg);
  }
  const all = r.massBalance.find((m) => m.hubId === "all")!;
  rel(all.inKg, r.siting.assignments.reduce((a, x) => a + x.tonnesPerYear, 0) * 1000);
  for (const [m, kg] of Object.entries(r.annual.materialRecoveredKgPerYear)) rel(all.materialsKg[m], kg);
  for (const o of scenario.offtakers)
    for (const offer of o.accepts) {
      const got = r.siting.flows.filter((f) => f.to === o.id && f.material === offer.material).reduce((a, f) => a + f.tonnesPerYear, 0);
      if (offer.maxTPerYear !== undefined) expect(got).toBeLessThanOrEqual(offer.maxTPerYear * (1 + 1e-9));
    }
}

describe.each(SOLVERS)("siting with %s", (solver) => {
  it("size levels: two small hubs beat one large when collection is dear", async () => {
    const { scenario, road } = twoSites({}, 1);
    const r = await solveSiting(scenario, { road }, opts(solver));
    expectNear(r.siting.objectiveUsd, 2000); // 2 × 1000; one large: 1500 + 100 t × 10 km × 1
    expect(hubs(r)).toEqual(["A:small", "B:small"]);
    expect(r.siting.status).toBe("optimal");
    expectBalanced(r, scenario);
  });

  it("size levels: one large hub wins when collection is cheap", async () => {
    const { scenario, road } = twoSites({}, 0.4);
    const r = await solveSiting(scenario, { road }, opts(solver));
    expectNear(r.siting.objectiveUsd, 1900); // 1500 + 100 × 10 × 0.4
    expect(r.siting.hubs).toHaveLength(1);
    expect(r.siting.hubs[0].sizeId).toBe("large");
    expectNear(r.annual.costUsdPerYear.collectionTransport, 400);
  });

  it("coverage: a 5 km radius forbids the cheap single hub", async () => {
    const { scenario, road } = twoSites({ coverageRadiusKm: 5 }, 0.4);
    const r = await solveSiting(scenario, { road }, opts(solver));
    expectNear(r.siting.objectiveUsd, 2000);
    expect(hubs(r)).toEqual(["A:small", "B:small"]);
    for (const a of r.siting.assignments) expect(a.distanceKm).toBeLessThanOrEqual(5);
  });

  it("budget: 1600 USD/yr allows one large hub only", async () => {
    const { scenario, road } = twoSites({ budgetUsdPerYear: 1600 }, 1);
    const r = await solveSiting(scenario, { road }, opts(solver));
    expectNear(r.siting.objectiveUsd, 2500); // 1500 + 100 × 10 × 1
    expect(r.annual.costUsdPerYear.hubFixed).toBeLessThanOrEqual(1600);
  });

  it("max hubs: one hub allowed", async () => {
    const { scenario, road } = twoSites({ maxHubs: 1 }, 1);
    const r = await solveSiting(scenario, { road }, opts(solver));
    expectNear(r.siting.objectiveUsd, 2500);
    expect(r.annual.hubsOpened).toBe(1);
  });

  it("CO2 price adds to collection", async () => {
    const base = twoSites({ co2PriceUsdPerT: 100 }, 0.4);
    base.scenario.carriers[0].vehicles[0].co2KgPerKm = 1000; // 1 t payload → 1000 kg/t-km: 100 USD/t-km at 100 USD/t
    const r = await solveSiting(base.scenario, { road: base.road }, opts(solver));
    expectNear(r.siting.objectiveUsd, 2000); // the single hub would pay 400 + 100 t × 10 km × 100
    expect(r.annual.co2TPerYear).toBeCloseTo(0, 9);
  });

  it("offtake minimums: a take-or-pay minimum moves copper to the lower price", async () => {
    const mk = (min: number) =>
      lineScenario({
        zones: [
          { id: "Z1", x: 0, tonnes: 100 },
          { id: "Z2", x: 10, tonnes: 100 },
        ],
        sites: [
          { id: "A", x: 0, sizes: [{ id: "small", cap: 100, fixed: 1000 }] },
          { id: "B", x: 10, sizes: [{ id: "small", cap: 100, fixed: 1000 }] },
        ],
        offtakers: [
          { id: "O1", x: 0, price: 100, max: 30 },
          { id: "O2", x: 100, price: 90, min },
        ],
      });
    const free = mk(0);
    const r0 = await solveSiting(free.scenario, { road: free.road }, opts(solver));
    expectNear(r0.siting.objectiveUsd, 2000 - 4615);
    const bound = mk(30);
    const r1 = await solveSiting(bound.scenario, { road: bound.road }, opts(solver));
    expectNear(r1.siting.objectiveUsd, 2000 - 4425);
    const toO2 = r1.siting.flows.filter((f) => f.to === "O2").reduce((a, f) => a + f.tonnesPerYear, 0);
    expectNear(toO2, 30);
    expectBalanced(r1, bound.scenario);
    expectBalanced(r0, free.scenario);
  });

  it("co-location: enterprises of consecutive steps at one hub", async () => {
    const mk = (floor: number) =>
      lineScenario({
        zones: [{ id: "Z1", x: 0, tonnes: 100 }],
        sites: [{ id: "A", x: 0, steps: ["sorting", "dismantling"], sizes: [{ id: "only", cap: 200, fixed: 1000, floor }] }],
        extra: {
          enterprises: [
            { id: "E1", name: "sorter", processStep: "sorting", throughputTPerYear: 100, floorSpaceM2: 50, jobs: 3 },
            { id: "E2", name: "dismantler", processStep: "dismantling", throughputTPerYear: 60, floorSpaceM2: 50, jobs: 4 },
          ],
          processing: {
            steps: { sorting: { inHouseCostUsdPerT: 10, outsourceCostUsdPerT: 30 }, dismantling: { inHouseCostUsdPerT: 20, outsourceCostUsdPerT: 50 } },
            colocationSavingUsdPerT: 5,
          },
        },
      });
    const roomy = mk(100);
    roomy.scenario.streams[0].processSteps = ["sorting", "dismantling"];
    const r = await solveSiting(roomy.scenario, { road: roomy.road }, opts(solver));
    // 8000 outsourced − 20 × 100 (sorting in-house) − 30 × 60 (dismantling) − 5 × 60 (both at A)
    expectNear(r.siting.objectiveUsd, 1000 + 3900);
    expect(r.siting.hubs[0].enterprises.sort()).toEqual(["E1", "E2"]);
    expect(r.annual.jobs).toBe(7);
    expectBalanced(r, roomy.scenario);
    const tight = mk(80);
    tight.scenario.streams[0].processSteps = ["sorting", "dismantling"];
    const r2 = await solveSiting(tight.scenario, { road: tight.road }, opts(solver));
    expectNear(r2.siting.objectiveUsd, 1000 + 6000);
    expect(r2.siting.hubs[0].enterprises).toEqual(["E1"]);
  });

  it("multi-period: the second city's hub opens in year 2", async () => {
    const { scenario, road } = lineScenario({
      zones: [
        { id: "Z1", x: 0, tonnes: 100 },
        { id: "Z2", x: 10, tonnes: 100, joinYear: 2 },
      ],
      sites: [
        { id: "A", x: 0, sizes: [{ id: "small", cap: 100, fixed: 1000 }, { id: "large", cap: 250, fixed: 1500 }] },
        { id: "B", x: 10, sizes: [{ id: "small", cap: 100, fixed: 1000 }, { id: "large", cap: 250, fixed: 1500 }] },
      ],
      policy: { horizonYears: 2 },
      collectionCost: 0.2,
    });
    const r = await solveSiting(scenario, { road }, opts(solver));
    expectNear(r.siting.objectiveUsd, 1000 + 2000); // a large A from year 1 costs 1500 + 1500 + 200
    const b = r.siting.hubs.find((h) => h.siteId === "B")!;
    expect(b.openFromYear).toBe(2);
    expect(r.siting.hubs.find((h) => h.siteId === "A")!.openFromYear).toBe(1);
  });

  it("split sourcing: a zone larger than any hub is shared", async () => {
    const { scenario, road } = lineScenario({
      zones: [{ id: "Z1", x: 0, tonnes: 150 }],
      sites: [
        { id: "A", x: 0, sizes: [{ id: "small", cap: 100, fixed: 1000 }] },
        { id: "B", x: 10, sizes: [{ id: "small", cap: 100, fixed: 1000 }] },
      ],
      policy: { singleSourcing: false },
    });
    const r = await solveSiting(scenario, { road }, opts(solver));
    expectNear(r.siting.objectiveUsd, 2000 + 50 * 10);
    const toB = r.siting.assignments.find((a) => a.hubId === "B")!;
    expectNear(toB.fraction, 1 / 3);
  });

  it("intermodal: the long haul goes by rail through two terminals", async () => {
    const loc = { lat: 36.2, lon: -86.3 };
    const { scenario } = lineScenario({
      zones: [{ id: "Z1", x: 0, tonnes: 100 }],
      sites: [{ id: "A", x: 0, sizes: [{ id: "s", cap: 200, fixed: 1000 }] }],
      offtakers: [{ id: "O", x: 100, price: 100 }],
      extra: {
        terminals: [
          { id: "T1", location: loc, modes: ["road", "rail"], transferCostUsdPerT: 0.5 },
          { id: "T2", location: loc, modes: ["road", "rail"], transferCostUsdPerT: 0.5 },
        ],
        transport: {
          road: { costUsdPerTKm: 0.1, co2KgPerTKm: 0.1, speedKmh: 60 },
          rail: { costUsdPerTKm: 0.02, co2KgPerTKm: 0.03, speedKmh: 50 },
          collectionCostUsdPerTKm: 1,
        },
      },
    });
    const places = [
      { id: "Z1", x: 0 },
      { id: "A", x: 0 },
      { id: "O", x: 100 },
      { id: "T1", x: 1 },
      { id: "T2", x: 99 },
    ];
    const r = await solveSiting(scenario, { road: lineMatrix(places), rail: lineMatrix(places, "rail") }, opts(solver));
    // 25 t of copper: road 1 km + rail 98 km + road 1 km + two transfers = 3.16 USD/t, against 10 by road.
    expectNear(r.siting.objectiveUsd, 1000 - 25 * (100 - 3.16));
    const f = r.siting.flows.find((x) => x.to === "O")!;
    expect(f.mode).toBe("rail");
    expectBalanced(r, scenario);
    expectNear(f.distanceKm, 100);
    expectNear(r.annual.co2TPerYear, (25 * (2 * 0.1 + 98 * 0.03)) / 1000);
  });

  it("emissions cap: 50 t of CO2 forbids hauling Z2 to one big hub", async () => {
    const capped = twoSites({ co2CapTPerYear: 50 }, 0.4);
    capped.scenario.carriers[0].vehicles[0].co2KgPerKm = 100; // 1 t payload → 100 kg per t-km
    const r = await solveSiting(capped.scenario, { road: capped.road }, opts(solver));
    expectNear(r.siting.objectiveUsd, 2000); // one large hub emits 100 t × 10 km × 100 kg = 100 t
    expect(r.annual.co2TPerYear).toBeLessThanOrEqual(50);
  });

  it("forced statuses: a closed site is never used, forced-open sites always are", async () => {
    const closed = twoSites({}, 1);
    closed.scenario.hubSites[1].status = "forced-closed";
    const r1 = await solveSiting(closed.scenario, { road: closed.road }, opts(solver));
    expectNear(r1.siting.objectiveUsd, 2500); // A large: 1500 + 100 t × 10 km
    expect(hubs(r1)).toEqual(["A:large"]);
    const open = twoSites({}, 0.4);
    open.scenario.hubSites[0].status = "forced-open";
    open.scenario.hubSites[1].status = "existing";
    const r2 = await solveSiting(open.scenario, { road: open.road }, opts(solver));
    expectNear(r2.siting.objectiveUsd, 2000); // both must open: two small beat any larger pair
    expect(hubs(r2)).toEqual(["A:small", "B:small"]);
  });

  it("intermodal: a rail matrix priced by the network is used as it is", async () => {
    const { scenario, road } = lineScenario({
      zones: [{ id: "Z1", x: 0, tonnes: 100 }],
      sites: [{ id: "A", x: 0, sizes: [{ id: "s", cap: 200, fixed: 1000 }] }],
      offtakers: [{ id: "O", x: 100, price: 100 }],
      extra: {
        transport: {
          road: { costUsdPerTKm: 0.1, co2KgPerTKm: 0.1, speedKmh: 60 },
          rail: { costUsdPerTKm: 0.02, co2KgPerTKm: 0.03, speedKmh: 50 },
          collectionCostUsdPerTKm: 1,
        },
      },
    });
    const rail = lineMatrix([{ id: "Z1", x: 0 }, { id: "A", x: 0 }, { id: "O", x: 100 }], "rail");
    rail.costUsdPerT = rail.distanceKm.map((km) => (km > 0 ? 4 : 0));
    rail.co2KgPerT = rail.distanceKm.map((km) => km * 0.05);
    const r = await solveSiting(scenario, { road, rail }, opts(solver));
    expectNear(r.siting.objectiveUsd, 1000 - 25 * (100 - 4)); // 4 USD/t by rail against 10 by road
    expect(r.siting.flows.find((f) => f.to === "O")!.mode).toBe("rail");
    expectNear(r.annual.co2TPerYear, (25 * 100 * 0.05) / 1000);
  });
});
