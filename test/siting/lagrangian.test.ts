// The Lagrangian bound and its hub fixings: a bound worked out by hand, validity against plain
// HiGHS optima on small models with every feature the relaxation drops or keeps, and the
// Lagrangian-assisted solve agreeing with plain HiGHS on seeded city-like models.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario, type Scenario, type TravelMatrix } from "../../src/domain/index.js";
import { greatCircleMatrix } from "../../src/network/index.js";
import { HighsSolver, solveSiting } from "../../src/siting/index.js";
import { chooseCover } from "../../src/siting/hub-cover.js";
import { lagrangianBound } from "../../src/siting/lagrangian.js";
import { buildSitingData } from "../../src/siting/siting-data.js";
import { buildSitingModel } from "../../src/siting/siting-model.js";
import { fixColumns } from "../../src/siting/warm-start.js";
import { cityScenario } from "../../bench/siting/city-scenario.js";
import { lineScenario, twoSites } from "./fixtures.js";

const highs = new HighsSolver();

/** A scenario of datasets/generate.mjs (every process step, enterprises, offtake maxima) and its great-circle road matrix. */
function generated(args: string[]): { scenario: Scenario; road: TravelMatrix } {
  const script = join(import.meta.dirname, "..", "..", "datasets", "generate.mjs");
  const scenario = parseScenario(JSON.parse(execFileSync(process.execPath, [script, ...args], { encoding: "utf8" })));
  const places = [...scenario.zones, ...scenario.hubSites, ...scenario.offtakers, ...scenario.carriers.flatMap((c) => c.depots)];
  return { scenario, road: greatCircleMatrix(places, scenario.network.circuityFactor, scenario.network.roadSpeedKmh) };
}
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

async function optimum(scenario: Scenario, road: TravelMatrix): Promise<number> {
  const r = await solveSiting(scenario, { road }, { timeLimitS: 60, mipGap: 1e-9, warmStart: false, lagrangian: false });
  expect(r.siting.status).toBe("optimal");
  return r.siting.objectiveUsd;
}

/** The bound never exceeds the optimum, and fixing what it proves keeps the optimum. */
async function expectValid(scenario: Scenario, road: TravelMatrix, steps: { deflection?: number; stallIterations?: number; iterationCoverStates?: number } = {}): Promise<void> {
  const opt = await optimum(scenario, road);
  const model = buildSitingModel(buildSitingData(scenario, { road }));
  const lag = lagrangianBound(model, { incumbentUsd: opt, iterations: 200, ...steps });
  expect(lag.boundUsd).toBeLessThanOrEqual(opt + 1e-7 * Math.max(1, Math.abs(opt)));
  const r = await highs.solve(fixColumns(model.milp, lag.fixedToZero), { timeLimitS: 60, mipGap: 1e-9 });
  expect(r.status).toBe("optimal");
  expect(rel(r.objective, opt)).toBeLessThanOrEqual(1e-7);
}

describe("Lagrangian bound", () => {
  it("is exact on two sites", () => {
    // Optimum 2000 (two small hubs). With λ = (1000, 1000) a small hub at its own zone is worth
    // 1000 − 1000 = 0 and a large one 1500 − 1000 = 500; holding 200 t takes two smalls or one
    // large, so the bound is 2000 + 0 = 2000.
    const { scenario, road } = twoSites({}, 1);
    const model = buildSitingModel(buildSitingData(scenario, { road }));
    const lag = lagrangianBound(model, { incumbentUsd: 2000, iterations: 300 });
    expect(lag.boundUsd).toBeLessThanOrEqual(2000 + 1e-7);
    expect(lag.boundUsd).toBeGreaterThan(1999);
  });

  it("is exact on two sites with the deflected subgradient of large models", () => {
    // The same relaxation as above (optimum 2000): deflection changes the path to the
    // multipliers, not what they bound.
    const { scenario, road } = twoSites({}, 1);
    const model = buildSitingModel(buildSitingData(scenario, { road }));
    const lag = lagrangianBound(model, { incumbentUsd: 2000, iterations: 300, deflection: 0.7 });
    expect(lag.boundUsd).toBeLessThanOrEqual(2000 + 1e-7);
    expect(lag.boundUsd).toBeGreaterThan(1999);
  });

  it("hub cover: the cheapest sizes that hold the supply, within the most hubs, by year", () => {
    const sizes = (small: number, large: number) => ({
      options: [
        { usd: small, capT: 100, from: 0 },
        { usd: large, capT: 250, from: 0 },
      ],
      forced: false,
    });
    const hubs = [sizes(1000, 1500), sizes(1000, 1500), sizes(-200, 800)];
    expect(chooseCover(hubs, [200], Infinity).usd).toBe(800); // a small of the third and a small: −200 + 1000
    expect(Array.from(chooseCover(hubs, [200], 1).option)).toEqual([-1, -1, 1]); // one hub: the third's large, 800
    expect(chooseCover(hubs, [800], Infinity).usd).toBe(Infinity);
    expect(chooseCover([{ ...hubs[0], forced: true }, hubs[2]], [0], Infinity).usd).toBe(800); // forced small 1000 + the paying small −200
    // Two years, supply only in the second: opening from year 2 costs one year's fixed cost.
    const late = { options: [{ usd: 2000, capT: 100, from: 0 }, { usd: 1000, capT: 100, from: 1 }], forced: false };
    const c = chooseCover([late], [0, 100], Infinity);
    expect(c.usd).toBe(1000);
    expect(Array.from(c.option)).toEqual([1]);
    // Supply in both years needs the hub from year 1.
    expect(chooseCover([late], [50, 100], Infinity).usd).toBe(2000);
    // A coarser table rounds capacities up, so it may only undercut the exact cover: 201 t need
    // one of the 101-t hubs (500 + 900); in units of more than 100 t two 100-t hubs pass (1000).
    const one = (usd: number, capT: number) => ({ options: [{ usd, capT, from: 0 }], forced: false });
    const tight = [one(500, 100), one(500, 100), one(900, 101)];
    expect(chooseCover(tight, [201], Infinity).usd).toBe(1400);
    expect(chooseCover(tight, [201], Infinity, 3).usd).toBe(1000);
  });

  it("stays below the optimum with offtake minimums and maximums, max hubs and split sourcing", async () => {
    const offtake = lineScenario({
      zones: [
        { id: "Z1", x: 0, tonnes: 100 },
        { id: "Z2", x: 10, tonnes: 100 },
        { id: "Z3", x: 25, tonnes: 60 },
      ],
      sites: [
        { id: "A", x: 0, sizes: [{ id: "small", cap: 100, fixed: 1000 }, { id: "large", cap: 300, fixed: 1700 }] },
        { id: "B", x: 10, sizes: [{ id: "small", cap: 150, fixed: 1000 }] },
        { id: "C", x: 25, sizes: [{ id: "small", cap: 100, fixed: 900 }] },
      ],
      offtakers: [
        { id: "O1", x: 0, price: 100, max: 30 },
        { id: "O2", x: 100, price: 90, min: 30 },
      ],
    });
    await expectValid(offtake.scenario, offtake.road);
    await expectValid(twoSites({ maxHubs: 1 }, 1).scenario, twoSites({ maxHubs: 1 }, 1).road);
    const split = lineScenario({
      zones: [{ id: "Z1", x: 0, tonnes: 150 }],
      sites: [
        { id: "A", x: 0, sizes: [{ id: "small", cap: 100, fixed: 1000 }] },
        { id: "B", x: 10, sizes: [{ id: "small", cap: 100, fixed: 1000 }] },
      ],
      policy: { singleSourcing: false },
    });
    await expectValid(split.scenario, split.road);
  });

  it("stays below the optimum with years, forced sites and co-located enterprises", async () => {
    const years = lineScenario({
      zones: [
        { id: "Z1", x: 0, tonnes: 100 },
        { id: "Z2", x: 10, tonnes: 100, joinYear: 2 },
      ],
      sites: [
        { id: "A", x: 0, sizes: [{ id: "small", cap: 100, fixed: 1000 }, { id: "large", cap: 250, fixed: 1500 }] },
        { id: "B", x: 10, status: "forced-open", sizes: [{ id: "small", cap: 100, fixed: 1000 }, { id: "large", cap: 250, fixed: 1500 }] },
      ],
      policy: { horizonYears: 2 },
      collectionCost: 0.2,
    });
    await expectValid(years.scenario, years.road);
    const colo = lineScenario({
      zones: [{ id: "Z1", x: 0, tonnes: 100 }],
      sites: [{ id: "A", x: 0, steps: ["sorting", "dismantling"], sizes: [{ id: "only", cap: 200, fixed: 1000, floor: 80 }] }],
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
    colo.scenario.streams[0].processSteps = ["sorting", "dismantling"];
    await expectValid(colo.scenario, colo.road);
  });

  it("stays below the optimum on 16 seeded random line models (odd capacities, minimums, maximums, years)", async () => {
    let a = 12345;
    const rnd = (): number => {
      a = (Math.imul(a, 1103515245) + 12345) >>> 0;
      return a / 4294967296;
    };
    for (let n = 0; n < 16; n++) {
      const zones = Array.from({ length: 4 + Math.floor(rnd() * 5) }, (_, i) => ({
        id: `Z${i}`,
        x: Math.round(rnd() * 40),
        tonnes: Math.round(10 + rnd() * 90) + 0.5,
        joinYear: n % 3 === 0 && i % 2 === 1 ? 2 : 1,
      }));
      const supply = zones.reduce((acc, z) => acc + z.tonnes, 0);
      const sites = Array.from({ length: 3 + Math.floor(rnd() * 2) }, (_, i) => ({
        id: `S${i}`,
        x: Math.round(rnd() * 40),
        status: (n % 4 === 1 && i === 0 ? "forced-open" : "candidate") as "forced-open" | "candidate",
        sizes: [
          { id: "small", cap: Math.round(supply * (0.3 + rnd() * 0.2)) + 0.25, fixed: Math.round(500 + rnd() * 500) },
          { id: "large", cap: Math.round(supply * (0.6 + rnd() * 0.5)), fixed: Math.round(900 + rnd() * 700) },
        ],
      }));
      const offtakers = [
        { id: "O1", x: Math.round(rnd() * 60), price: 80 + Math.round(rnd() * 40), max: n % 2 === 0 ? Math.round(supply * 0.1) : undefined },
        { id: "O2", x: 100, price: 60 + Math.round(rnd() * 40), min: n % 2 === 1 ? Math.round(supply * 0.05) : 0 },
      ];
      const policy: Record<string, unknown> = { horizonYears: n % 3 === 0 ? 2 : 1 };
      if (n % 5 === 2) policy.maxHubs = 2;
      if (n % 6 === 4) policy.singleSourcing = false;
      const { scenario, road } = lineScenario({ zones, sites, offtakers, policy, collectionCost: 0.5 + rnd() * 2 });
      await expectValid(scenario, road);
    }
  });

  it("stays below the optimum on generated scenarios where enterprises limit in-house processing", async () => {
    // Enterprises of up to 600 t/yr beside hubs of 60–300 t: the throughput rows, each
    // enterprise's one hub and the floor space all bind.
    for (const seed of [1, 2]) {
      const { scenario, road } = generated(["--zones", "15", "--sites", "4", "--enterprises", "6", "--requests", "0", "--seed", `${seed}`]);
      await expectValid(scenario, road);
    }
  });

  it("the large models' subgradient (deflected, patience 100, coarse cover while iterating) stays below the optimum on generated scenarios", async () => {
    for (const seed of [1, 2, 3, 4]) {
      const { scenario, road } = generated(["--zones", "15", "--sites", "4", "--enterprises", "6", "--requests", "0", "--seed", `${seed}`]);
      await expectValid(scenario, road, { deflection: 0.7, stallIterations: 100, iterationCoverStates: 40 });
    }
  });

  it("seeded city-like models: the Lagrangian-assisted solve proves the optimum plain HiGHS finds", async () => {
    for (const seed of [1, 2, 3]) {
      const { scenario, road } = cityScenario(seed, 80, 8);
      const opt = await optimum(scenario, road);
      const model = buildSitingModel(buildSitingData(scenario, { road }));
      const lag = lagrangianBound(model, { incumbentUsd: opt, iterations: 200 });
      expect(lag.boundUsd).toBeLessThanOrEqual(opt + 1e-7 * Math.abs(opt));
      expect(lag.fixedToZero.length).toBeGreaterThan(0);
      const fixed = await highs.solve(fixColumns(model.milp, lag.fixedToZero), { timeLimitS: 60, mipGap: 1e-9 });
      expect(rel(fixed.objective, opt)).toBeLessThanOrEqual(1e-7);
      const r = await solveSiting(scenario, { road }, { timeLimitS: 60, mipGap: 1e-9, warmStart: true, lagrangian: true });
      expect(rel(r.siting.objectiveUsd, opt)).toBeLessThanOrEqual(1e-7);
      expect(r.siting.boundUsd).toBeLessThanOrEqual(opt + 1e-7 * Math.abs(opt));
      expect(r.siting.status).toBe("optimal");
    }
  });
});
