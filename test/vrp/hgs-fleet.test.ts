// The genetic search on fleets whose vehicles differ beyond costs: more skill groups than one
// mask word holds, speed factors that differ within the fleet, unload trips at hubs. Small
// cases against exhaustive search, every solution checked independently.
import { describe, expect, it } from "vitest";
import type { RoutingProblem, RoutingVehicle } from "../../src/domain/index.js";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { bruteForce } from "./brute-force.js";
import { job, lcg, planeProblem, randomPoints, vehicle } from "./helpers.js";

/** Solved by the genetic search, checked, and as good as exhaustive search on `reference` (stops served, then cost). */
function expectOptimal(p: RoutingProblem, reference: RoutingProblem, iterations: number): void {
  const s = solveRouting(p, { seed: 1, maxIterations: iterations });
  const check = checkRouting(p, s);
  expect(check.errors).toEqual([]);
  const want = bruteForce(reference);
  expect(p.jobs.length - s.unassigned.length).toBe(want.served);
  expect(check.costUsd).toBeCloseTo(want.costUsd, 6);
}

describe("genetic search: fleets that differ", () => {
  it("keeps skills apart with more than 30 skill groups (groups beyond the first mask word)", () => {
    for (let seed = 1; seed <= 4; seed++) {
      const rand = lcg(seed * 7);
      const pts = randomPoints(rand, 8);
      // job j needs skill s<j>; a vehicle's skill group is the set of jobs it may serve
      const jobs = pts.slice(1, 7).map((_, i) => job(`j${i}`, i + 1, [1 + Math.floor(rand() * 4)], { skills: [`s${i}`] }));
      const skillsOf = (bits: number): string[] => [0, 1, 2, 3, 4, 5].filter((k) => (bits >> k) & 1).map((k) => `s${k}`);
      const real = [0b001111, 0b111100];
      // 33 other groups, each a vehicle never worth using (its fixed cost outweighs any route)
      const spare: RoutingVehicle[] = [];
      for (let bits = 1; spare.length < 33; bits++)
        if (!real.includes(bits)) spare.push(vehicle(`spare-${bits}`, [8], { skills: skillsOf(bits), fixedCostUsd: 100_000 }));
      // the two vehicles worth using come last (their groups sit in the second mask word) and
      // can carry every job between them, so the optimum never needs a spare one
      const vans = real.map((bits, k) => vehicle(`van-${k}`, [16], { skills: skillsOf(bits), fixedCostUsd: 10 }));
      const p = planeProblem(pts, jobs, [...spare, ...vans]);
      expectOptimal(p, { ...p, vehicles: vans }, 200);
    }
  });

  it("prices every route at its own vehicle's speed (profiles), optimal on tiny days with windows", () => {
    for (let seed = 1; seed <= 6; seed++) {
      const rand = lcg(seed * 13);
      const pts = randomPoints(rand, 8);
      const jobs = pts.slice(2).map((_, i) => {
        const open = Math.floor(rand() * 5) * 900;
        return job(`j${i}`, i + 2, [1 + Math.floor(rand() * 5)], {
          serviceS: 120 + Math.floor(rand() * 200),
          timeWindows: rand() < 0.7 ? [[open, open + 1200 + Math.floor(rand() * 1800)]] : [],
        });
      });
      // a fast van, a slow one and a slow cheap truck: which stops each can reach in time depends on its speed
      const vehicles = [
        vehicle("fast-van", [10], { speedFactor: 1.6, fixedCostUsd: 15, costUsdPerHour: 40, shift: [0, 6000], end: 1 }),
        vehicle("slow-van", [10], { speedFactor: 0.7, fixedCostUsd: 10, costUsdPerHour: 30, shift: [0, 7000] }),
        vehicle("truck", [20], { speedFactor: 0.8, fixedCostUsd: 25, costUsdPerHour: 20, shift: [300, 8000], start: 1 }),
      ];
      const p = planeProblem(pts, jobs, vehicles);
      expectOptimal(p, p, 300);
    }
  });

  it("unloads at hubs mid-shift where it pays (trips within capacity), optimal on tiny days", () => {
    let unloads = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const rand = lcg(seed * 19);
      const pts = randomPoints(rand, 9);
      // locations 0: depot, 1-2: hubs, 3..8: jobs
      const jobs = pts.slice(3).map((_, i) => job(`j${i}`, i + 3, [2 + Math.floor(rand() * 4), Math.round(rand() * 10) / 10], {
        serviceS: 120 + Math.floor(rand() * 200),
        timeWindows: rand() < 0.3 ? [[0, 2400 + Math.floor(rand() * 3600)]] : [],
      }));
      const vehicles = [
        // a small van that may unload twice at either hub, and a dearer truck that never unloads
        vehicle("van", [8, 1], { fixedCostUsd: 10, costUsdPerHour: 30, maxTrips: 3, unloadLocations: [1, 2], unloadS: 300, shift: [0, 14_400] }),
        vehicle("truck", [12, 1.5], { fixedCostUsd: 60, costUsdPerKm: 1.5, shift: [0, 14_400] }),
      ];
      const p = planeProblem(pts, jobs, vehicles, ["kg", "m3"]);
      const s = solveRouting(p, { seed: 1, maxIterations: 300 });
      unloads += s.routes.flatMap((r) => r.steps).filter((x) => x.type === "unload").length;
      expectOptimal(p, p, 300);
    }
    // the cases exercise unloads (the checker verifies every trip's load and the trips allowed)
    expect(unloads).toBeGreaterThan(0);
  });
});
