// The independent checkers catch corrupted solutions, and both engines agree on seeded
// random models.
import { describe, expect, it } from "vitest";
import { checkMilpSolution, HighsSolver, LpSolverSolver } from "../../src/siting/index.js";
import { checkSitingPlan } from "../../src/siting/plan-check.js";
import { buildSitingData } from "../../src/siting/siting-data.js";
import { buildSitingModel } from "../../src/siting/siting-model.js";
import { decodeYears, polishYear } from "../../src/siting/year-plan.js";
import { lineScenario, twoSites } from "./fixtures.js";
import { makeRng as rng } from "../../bench/harness/rng.js";


function randomCase(seed: number) {
  const r = rng(seed);
  return lineScenario({
    zones: Array.from({ length: 6 }, (_, i) => ({ id: `Z${i}`, x: Math.round(r() * 50), tonnes: 20 + Math.round(r() * 60) })),
    sites: Array.from({ length: 4 }, (_, i) => ({
      id: `H${i}`,
      x: Math.round(r() * 50),
      sizes: [
        { id: "s", cap: 120, fixed: 800 + Math.round(r() * 400) },
        { id: "l", cap: 260, fixed: 1400 + Math.round(r() * 600) },
      ],
    })),
    offtakers: [
      { id: "O1", x: 0, price: 200, max: 20 },
      { id: "O2", x: 60, price: 150, min: 5 },
    ],
    policy: { disposalCostUsdPerT: 40, maxHubs: 3 },
    collectionCost: 0.5,
  });
}

describe("independent checkers", () => {
  it("catch a zone moved to a closed hub and an objective that does not add up", async () => {
    const { scenario, road } = twoSites({}, 1);
    const data = buildSitingData(scenario, { road });
    const model = buildSitingModel(data);
    const r = await new HighsSolver().solve(model.milp, { timeLimitS: 10, mipGap: 1e-9 });
    const x = r.x!;
    expect(checkMilpSolution(model.milp, x).feasible).toBe(true);
    const good = checkSitingPlan(data, road, decodeYears(model, x).map((p) => polishYear(data, p)));
    expect(good.ok).toBe(true);
    expect(good.objectiveUsd).toBeCloseTo(r.objective, 6);

    // Corrupt: close hub B (both small hubs are open in the optimum) but keep Z2 assigned to it.
    const bad = Float64Array.from(x);
    const yB = model.y[1][0][0];
    bad[yB] = 0;
    const rows = checkMilpSolution(model.milp, bad);
    expect(rows.feasible).toBe(false);
    expect(rows.violations.some((v) => v.name.startsWith("assigned-to-open[Z2,B"))).toBe(true);
    const plan = checkSitingPlan(data, road, decodeYears(model, bad).map((p) => polishYear(data, p)));
    expect(plan.ok).toBe(false);
    expect(plan.violations.join("\n")).toContain("zone Z2 sent to closed hub B");
    expect(plan.objectiveUsd).toBeCloseTo(r.objective - 1000, 6);
  });

  it("catch a split zone under single sourcing and fractional binaries", async () => {
    const { scenario, road } = twoSites({}, 1);
    const data = buildSitingData(scenario, { road });
    const model = buildSitingModel(data);
    const r = await new HighsSolver().solve(model.milp, { timeLimitS: 10, mipGap: 1e-9 });
    const bad = Float64Array.from(r.x!);
    const [toA, toB] = model.a[0].map((cols) => cols[0]);
    bad[toA] = 0.5;
    bad[toB] = 0.5;
    const rows = checkMilpSolution(model.milp, bad);
    expect(rows.violations.some((v) => v.kind === "integrality")).toBe(true);
  });

  it("the valid inequalities (min hubs, min fixed cost) cut off no optimum", async () => {
    for (const seed of [11, 12, 13, 14]) {
      const { scenario, road } = randomCase(seed);
      scenario.zones.forEach((z) => (z.unitsPerYear = { laptop: (z.unitsPerYear!.laptop ?? 0) * 2 })); // needs 2+ hubs
      const data = buildSitingData(scenario, { road });
      const withCuts = buildSitingModel(data);
      const without = buildSitingModel(data, new Set(["validCuts"]));
      expect(withCuts.milp.rowNames.some((n) => n.startsWith("min-fixed-cost"))).toBe(true);
      const a = await new HighsSolver().solve(withCuts.milp, { timeLimitS: 20, mipGap: 1e-9 });
      const b = await new HighsSolver().solve(without.milp, { timeLimitS: 20, mipGap: 1e-9 });
      expect(a.status).toBe("optimal");
      expect(b.status).toBe("optimal");
      expect(Math.abs(a.objective - b.objective)).toBeLessThanOrEqual(1e-6 * Math.abs(b.objective));
    }
  });

  it("HiGHS and javascript-lp-solver agree on seeded random models", async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { scenario, road } = randomCase(seed);
      const data = buildSitingData(scenario, { road });
      const model = buildSitingModel(data);
      const a = await new HighsSolver().solve(model.milp, { timeLimitS: 20, mipGap: 1e-9 });
      const b = await new LpSolverSolver().solve(model.milp, { timeLimitS: 20, mipGap: 1e-9 });
      expect(a.status).toBe("optimal");
      expect(b.status).toBe("optimal");
      for (const res of [a, b]) {
        const c = checkSitingPlan(data, road, decodeYears(model, res.x!).map((p) => polishYear(data, p)));
        expect(c.violations).toEqual([]);
        expect(Math.abs(c.objectiveUsd - res.objective)).toBeLessThanOrEqual(1e-6 * Math.abs(res.objective));
      }
      expect(Math.abs(a.objective - b.objective)).toBeLessThanOrEqual(1e-6 * Math.abs(a.objective));
    }
  });
});
