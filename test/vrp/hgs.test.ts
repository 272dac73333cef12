// The hybrid genetic search used for classic CVRP/VRPTW problems: chosen from the data,
// optimal on tiny cases (exhaustive search), deterministic for a seed, checked independently.
import { describe, expect, it } from "vitest";
import type { RoutingProblem } from "../../src/domain/index.js";
import { buildProblemData } from "../../src/vrp/data.js";
import { toHgsData } from "../../src/vrp/hgs/hgs-data.js";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { bruteForce } from "./brute-force.js";
import { job, lcg, planeProblem, randomPoints, vehicle } from "./helpers.js";

function classic(seed: number, nJobs: number, windows: boolean): RoutingProblem {
  const rand = lcg(seed);
  const pts = randomPoints(rand, nJobs + 1);
  const jobs = pts.slice(1).map((_, i) => {
    const open = Math.floor(rand() * 8) * 300;
    return job(`c${i}`, i + 1, [1 + Math.floor(rand() * 9)], { timeWindows: windows ? [[open, open + 1500]] : [] });
  });
  const vehicles = Array.from({ length: Math.max(3, Math.ceil(nJobs / 3)) }, (_, v) => vehicle(`v${v}`, [15], { shift: [0, 6000] }));
  return planeProblem(pts, jobs, vehicles);
}

/** True when the search takes `p` as a classic problem (giant tours and split). */
function giantTours(p: RoutingProblem): boolean {
  return toHgsData(buildProblemData(p))?.giantTour === true;
}

describe("hybrid genetic search (classic variant)", () => {
  it("is optimal on tiny CVRP and VRPTW cases", () => {
    let all = 0;
    for (const windows of [false, true]) {
      for (const seed of [1, 2, 3]) {
        const p = classic(seed * 31 + (windows ? 1 : 0), 6, windows);
        p.vehicles = p.vehicles.slice(0, 3);
        // not every customer fits in some cases (windows, not capacity): giant tours find nothing
        // feasible, and the search goes on with routes bound to vehicles and stops optional
        const s = solveRouting(p, { seed: 1, maxIterations: 1000 });
        const check = checkRouting(p, s);
        expect(check.errors).toEqual([]);
        const want = bruteForce(p);
        if (want.served === p.jobs.length) all++;
        expect(p.jobs.length - s.unassigned.length).toBe(want.served);
        expect(check.costUsd).toBeCloseTo(want.costUsd, 6);
      }
    }
    // both kinds of case occur
    expect(all).toBeGreaterThan(0);
    expect(all).toBeLessThan(6);
  });

  it("is picked for a classic problem, deterministic for a seed, and feasible", () => {
    const p = classic(7, 40, true);
    expect(giantTours(p)).toBe(true);
    const a = solveRouting(p, { seed: 3, maxIterations: 30 });
    const b = solveRouting(p, { seed: 3, maxIterations: 30 });
    expect(a.routes).toEqual(b.routes);
    expect(checkRouting(p, a).errors).toEqual([]);
    expect(a.unassigned).toEqual([]);
  });

  it("runs a fleet paid per stop or for a minimum shift as a mixed fleet, explicit zeros staying classic", () => {
    const base = classic(7, 40, true);
    const withCosts = (extra: { costUsdPerStop?: number; minPaidS?: number }): RoutingProblem => ({
      ...base, vehicles: base.vehicles.map((v, i) => (i % 2 === 0 ? { ...v, ...extra } : v)),
    });
    expect(giantTours(withCosts({ costUsdPerStop: 0, minPaidS: 0 }))).toBe(true);
    for (const extra of [{ costUsdPerStop: 2 }, { minPaidS: 3600 }]) {
      const p = withCosts(extra);
      expect(giantTours(p)).toBe(false);
      const s = solveRouting(p, { seed: 1, maxIterations: 5 });
      expect(s.unassigned).toEqual([]);
      expect(checkRouting(p, s).errors).toEqual([]);
    }
  });

  it("leaves customers out when not every one fits (routes bound to vehicles, stops optional)", () => {
    const p = classic(9, 12, false);
    p.vehicles = p.vehicles.slice(0, 1);
    const s = solveRouting(p, { seed: 1, maxIterations: 50 });
    expect(s.unassigned.length).toBeGreaterThan(0);
    expect(checkRouting(p, s).errors).toEqual([]);
  });
});
