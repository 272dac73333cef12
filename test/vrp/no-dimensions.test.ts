// A routing problem with no capacity dimension at all (VROOM accepts jobs and vehicles without
// amounts): the genetic search must still run, stop within its iteration bound, and agree with
// the independent checker and the exhaustive optimum.
import { describe, expect, it } from "vitest";
import type { RoutingProblem } from "../../src/domain/index.js";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { bruteForce } from "./brute-force.js";

function problem(nJobs: number): RoutingProblem {
  const n = nJobs + 1;
  // locations on a line, depot at 0; time and distance proportional to the gap
  const durationS: number[] = [];
  const distanceKm: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      durationS.push(60 * Math.abs(i - j));
      distanceKm.push(Math.abs(i - j));
    }
  return {
    locationIds: Array.from({ length: n }, (_, i) => `l${i}`),
    durationS,
    distanceKm,
    dimensions: [],
    jobs: Array.from({ length: nJobs }, (_, j) => ({ id: `j${j}`, location: j + 1, serviceS: 30, amounts: [], timeWindows: [], skills: [], priority: 0 })),
    vehicles: [0, 1].map((v) => ({
      id: `v${v}`, carrierId: "c", start: 0, end: 0, capacity: [], skills: [], shift: [0, 86_400] as [number, number],
      fixedCostUsd: 10 * (v + 1), costUsdPerHour: 36, costUsdPerKm: 1, speedFactor: 1, co2KgPerKm: 0, unloadLocations: [], unloadS: 0, maxTrips: 1,
    })),
  } as RoutingProblem;
}

describe("routing without capacity dimensions", () => {
  for (const nJobs of [1, 2, 5]) {
    it(`serves ${nJobs} job(s) at the exhaustive optimum, checked independently`, () => {
      const p = problem(nJobs);
      const sol = solveRouting(p, { seed: 1, timeLimitS: 60, maxIterations: 50 });
      const check = checkRouting(p, sol);
      expect(check.errors).toEqual([]);
      expect(sol.unassigned).toEqual([]);
      expect(check.costUsd).toBeCloseTo(bruteForce(p).costUsd, 6);
    });
  }
});
