// The MIP start over several years: hubs chosen for the last year may open later (phase-in), and
// the start-assisted solve still reaches the optimum worked out by hand.
import { describe, expect, it } from "vitest";
import { solveSiting } from "../../src/siting/index.js";
import { phaseIn } from "../../src/siting/phase-in.js";
import { buildSitingData } from "../../src/siting/siting-data.js";
import { buildSitingModel } from "../../src/siting/siting-model.js";
import { chooseHubs } from "../../src/siting/warm-start.js";
import { lineScenario } from "./fixtures.js";

/** Two cities 100 km apart, the second joining in year 2; a small hub in each is the optimum. */
function twoCities() {
  return lineScenario({
    zones: [
      { id: "Z1", x: 0, tonnes: 100 },
      { id: "Z2", x: 100, tonnes: 100, joinYear: 2 },
    ],
    sites: [
      { id: "A", x: 0, sizes: [{ id: "small", cap: 100, fixed: 1000 }, { id: "large", cap: 250, fixed: 1500 }] },
      { id: "B", x: 100, sizes: [{ id: "small", cap: 100, fixed: 1000 }, { id: "large", cap: 250, fixed: 1500 }] },
    ],
    policy: { horizonYears: 2 },
  });
}

describe("MIP start over years", () => {
  it("phase-in opens the second city's hub in year 2", () => {
    const { scenario, road } = twoCities();
    const model = buildSitingModel(buildSitingData(scenario, { road }));
    const choice = chooseHubs(model)!;
    expect(Array.from(choice.size)).toEqual([0, 0]); // both small: 2000 against 1500 + 100 t × 100 km
    const phased = phaseIn(model, choice)!;
    expect(Array.from(phased.openFrom)).toEqual([0, 1]);
    expect(phased.cost).toBeCloseTo(1000 + 2000, 9); // A both years, B in year 2; no collection cost
    expect(phased.arcOf[0][1]).toBe(-1); // Z2 not served in year 1
  });

  it("the start-assisted solve with the Lagrangian bound proves the hand optimum", async () => {
    const { scenario, road } = twoCities();
    const r = await solveSiting(scenario, { road }, { timeLimitS: 30, mipGap: 1e-9, warmStart: true, lagrangian: true });
    expect(r.siting.objectiveUsd).toBeCloseTo(3000, 6);
    expect(r.siting.status).toBe("optimal");
    expect(r.siting.boundUsd).toBeLessThanOrEqual(3000 + 1e-6);
    expect(r.siting.hubs.find((h) => h.siteId === "B")!.openFromYear).toBe(2);
  });
});
