// The large-model start's two repairs, on cases worked out by hand: zones swapped between two
// full hubs (no single shift fits), and enterprises placed where their throughput is used.
import { describe, expect, it } from "vitest";
import { placeEnterprises } from "../../src/siting/place-enterprises.js";
import { reassignZones } from "../../src/siting/reassign.js";
import { buildSitingData } from "../../src/siting/siting-data.js";
import { buildSitingModel } from "../../src/siting/siting-model.js";
import type { HubChoice } from "../../src/siting/warm-start.js";
import { lineScenario } from "./fixtures.js";

/** Sites A (x = 0) and B (x = 100) of 100 t; P, R at x = 0 and Q, S at x = 100; 60 t and 40 t. */
function twoFullHubs(extra = {}) {
  return lineScenario({
    zones: [
      { id: "P", x: 0, tonnes: 60 },
      { id: "Q", x: 100, tonnes: 60 },
      { id: "R", x: 0, tonnes: 40 },
      { id: "S", x: 100, tonnes: 40 },
    ],
    sites: [
      { id: "A", x: 0, sizes: [{ id: "only", cap: 100, fixed: 1000, floor: 1000 }] },
      { id: "B", x: 100, sizes: [{ id: "only", cap: 100, fixed: 1000, floor: 1000 }] },
    ],
    extra,
  });
}

function choiceOf(model: ReturnType<typeof buildSitingModel>, hubs: number[]): HubChoice {
  const arcOf = Int32Array.from(hubs, (h, z) => model.data.arcs[z].findIndex((a) => a.hub === h));
  return { size: Int32Array.from([0, 0]), arcOf, cost: 0 };
}

describe("reassignZones", () => {
  it("swaps two zones between full hubs when no single move fits", () => {
    const { scenario, road } = twoFullHubs();
    const model = buildSitingModel(buildSitingData(scenario, { road }));
    // P and Q each 100 km from their hub (60 t × 100 km × 1 USD/t-km twice); both hubs full.
    const bad = choiceOf(model, [1, 0, 0, 1]);
    const moved = reassignZones(model, bad)!;
    expect(Array.from(moved.arcOf, (i, z) => model.data.arcs[z][i].hub)).toEqual([0, 1, 0, 1]);
    expect(Array.from(moved.size)).toEqual([0, 0]);
    // Every zone now at distance 0: only the two hubs' fixed costs are left.
    expect(moved.cost).toBeCloseTo(2000, 6);
  });

  it("leaves a plan it cannot improve as it is", () => {
    const { scenario, road } = twoFullHubs();
    const model = buildSitingModel(buildSitingData(scenario, { road }));
    const good = choiceOf(model, [0, 1, 0, 1]);
    expect(reassignZones(model, good)).toBe(good);
  });
});

/** The two full hubs with sorting at 60 USD/t in-house, 120 outside, and sorters of (t/yr, m²). */
function sortersModel(sorters: Array<[number, number]>) {
  const { scenario, road } = twoFullHubs({
    processing: { steps: { sorting: { inHouseCostUsdPerT: 60, outsourceCostUsdPerT: 120 } } },
    enterprises: sorters.map(([t, m2], i) => ({ id: `e${i}`, name: `e${i}`, processStep: "sorting", throughputTPerYear: t, floorSpaceM2: m2, jobs: 1 })),
  });
  return buildSitingModel(buildSitingData(scenario, { road }));
}

describe("placeEnterprises", () => {
  it("puts the large sorter at one hub and the small one at the other, not both at one", () => {
    const model = sortersModel([
      [80, 400],
      [30, 400],
    ]);
    const hubOf = placeEnterprises(model, choiceOf(model, [0, 1, 0, 1]));
    // big saves 60 × 80 anywhere; small then saves 60 × 20 beside it but 60 × 30 at the other hub.
    expect(new Set(hubOf).size).toBe(2);
    expect(Array.from(hubOf).every((h) => h >= 0)).toBe(true);
  });

  it("leaves out an enterprise whose floor space no open hub has", () => {
    const model = sortersModel([
      [50, 700],
      [40, 700],
      [30, 700],
    ]);
    const hubOf = Array.from(placeEnterprises(model, choiceOf(model, [0, 1, 0, 1])));
    // 1,000 m² per hub holds one of them: the two largest get a hub each, the third none.
    expect(hubOf[2]).toBe(-1);
    expect(new Set(hubOf.slice(0, 2)).size).toBe(2);
  });
});
