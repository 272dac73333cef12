// Route elimination (the iterated search's fleet phase): a day whose cheapest plan drives one
// vehicle fewer than a plan the local search cannot leave (every single step towards it raises
// the cost), reached by eliminating the right route; and a day whose cheapest plan drives a
// cheaper vehicle in place of a dearer one, reached by handing its route over. Every plan
// checked independently and against exhaustive search.
import { describe, expect, it } from "vitest";
import type { RoutingProblem, RoutingRoute, RoutingSolution } from "../../src/domain/index.js";
import { checkRouting } from "../../src/vrp/index.js";
import { buildProblemData, type ProblemData } from "../../src/vrp/data.js";
import { granularNeighbours } from "../../src/vrp/hgs/granular.js";
import { type HgsData, toHgsData } from "../../src/vrp/hgs/hgs-data.js";
import { Individual } from "../../src/vrp/hgs/individual.js";
import { LocalSearch } from "../../src/vrp/hgs/local-search.js";
import { reportRoute } from "../../src/vrp/hgs/report.js";
import { cheaperVehicleFor, routeToEliminate, withoutRoute, withRouteOn } from "../../src/vrp/hgs/route-elimination.js";
import { Rng } from "../../src/vrp/random.js";
import { bruteForce } from "./brute-force.js";
import { job, planeProblem, vehicle } from "./helpers.js";

/**
 * Depot at the origin; 6 kg east and west, 10 km out; two 4 kg stops 10 km north. Three vans of
 * 10 kg at 100 USD a day: one van each way and one north (3 vans, 360.5 USD) is where a local
 * search stays, since moving one northern stop onto the east or west van adds a detour (the
 * northern van still drives); the optimum sends each northern stop with one of the others
 * (2 vans, 268.6 USD).
 */
function day(westKg = 6): RoutingProblem {
  const pts: Array<[number, number]> = [[0, 0], [10, 0], [-10, 0], [0, 10], [0.5, 10]];
  const jobs = [job("east", 1, [6]), job("west", 2, [westKg]), job("north-1", 3, [4]), job("north-2", 4, [4])];
  const vans = [0, 1, 2].map((k) => vehicle(`van-${k}`, [10], { fixedCostUsd: 100 }));
  return planeProblem(pts, jobs, vans);
}

/** The routes (customers per vehicle slot) as a solution the checker reads. */
function solutionOf(data: ProblemData, hgs: HgsData, routes: number[][]): RoutingSolution {
  const reported = routes.map((r, v) => reportRoute(data, hgs, v, r)).filter((r): r is RoutingRoute => r !== null);
  return {
    routes: reported, unassigned: [], costUsd: reported.reduce((a, r) => a + r.costUsd, 0), distanceKm: reported.reduce((a, r) => a + r.distanceKm, 0),
    stats: { seconds: 0, iterations: 0, seed: 1, stoppedBy: "converged", solver: "test" },
  };
}

describe("route elimination", () => {
  it("sheds the van the local search keeps, down to the exhaustive optimum", () => {
    const p = day();
    const data = buildProblemData(p);
    const hgs = toHgsData(data, true) as HgsData;
    const customer = (id: string): number => Array.from(hgs.jobOf).findIndex((j, c) => c < hgs.n && p.jobs[j].id === id);
    const start = [[customer("east")], [customer("west")], [customer("north-1"), customer("north-2")]];
    // a unit of excess load weighs more than a van: no penalised shortcut through an overfull van
    const cap = 1000;
    const tw = 1;
    const used = (routes: number[][]): number => routes.filter((r) => r.length > 0).length;
    const cost = (routes: number[][]): number => checkRouting(p, solutionOf(data, hgs, routes)).costUsd;

    for (let seed = 1; seed <= 4; seed++) {
      const ls = new LocalSearch(hgs, hgs.nVehicles, granularNeighbours(hgs, 20), new Rng(seed));
      // the local search alone keeps the three vans
      const searched = ls.run(start, cap, tw, () => false);
      expect(used(searched)).toBe(3);
      expect(checkRouting(p, solutionOf(data, hgs, searched)).errors).toEqual([]);
      expect(cost(searched)).toBeCloseTo(cost(start), 6);

      // the northern van's stops are the cheapest to move; without it, two vans at the optimum
      const r = routeToEliminate(ls, start, cap, tw, new Set());
      expect(r).toBe(2);
      expect(routeToEliminate(ls, start, cap, tw, new Set([0, 1, 2]))).toBe(-1);
      const fewer = withoutRoute(hgs, ls, start, r, cap, tw, new Rng(seed), () => false);
      ls.keepFleet = false;
      expect(fewer.feasible).toBe(true);
      expect(used(fewer.routes)).toBe(2);
      const check = checkRouting(p, solutionOf(data, hgs, fewer.routes));
      expect(check.errors).toEqual([]);
      expect(check.costUsd).toBeCloseTo(bruteForce(p).costUsd, 6);
      expect(check.costUsd).toBeLessThan(cost(start) - 50);
      expect(fewer.cost * hgs.costUnit).toBeCloseTo(check.costUsd, 6);
    }
  });

  it("repairs by local search from any eliminated van, and never opens one while it does", () => {
    const cap = 1000;
    for (const westKg of [6, 7]) {
      const p = day(westKg);
      const data = buildProblemData(p);
      const hgs = toHgsData(data, true) as HgsData;
      const ls = new LocalSearch(hgs, hgs.nVehicles, granularNeighbours(hgs, 20), new Rng(1));
      const start = [[0], [1], [2, 3]];
      // the western van eliminated: its stop fits on no van as routed (east 6, north 8 of 10 kg)
      const fewer: Individual = withoutRoute(hgs, ls, start, 1, cap, 1, new Rng(1), () => false);
      ls.keepFleet = false;
      expect(fewer.routes.filter((r) => r.length > 0).length).toBe(2);
      if (westKg === 6) {
        // the repair pairs each northern stop with a lone one: the optimum
        expect(fewer.feasible).toBe(true);
        const check = checkRouting(p, solutionOf(data, hgs, fewer.routes));
        expect(check.errors).toEqual([]);
        expect(check.costUsd).toBeCloseTo(bruteForce(p).costUsd, 6);
      } else {
        // 21 kg on two vans of 10: the excess stays priced, no third van opened
        expect(fewer.feasible).toBe(false);
        expect(fewer.capExcess).toBeGreaterThan(0);
      }
    }
  });
});

/**
 * Depot at the origin; a 4 kg stop 10 km west, two 6 kg stops 10 and 10.5 km east. A truck of
 * 14 kg at 200 USD a day takes both eastern stops and a van of 10 kg at 50 USD the western one:
 * 221 + 70 = 291 USD, where a local search stays (moving an eastern stop onto the van adds 20 km
 * while the truck still drives; the truck cannot take all three, 16 kg). The cheapest plan
 * drives two vans, one to an eastern stop and one west then to the other: 100 + 61 = 161 USD.
 */
function mixDay(): RoutingProblem {
  const pts: Array<[number, number]> = [[0, 0], [-10, 0], [10, 0], [10.5, 0]];
  const jobs = [job("west", 1, [4]), job("east-1", 2, [6]), job("east-2", 3, [6])];
  const fleet = [
    vehicle("truck", [14], { fixedCostUsd: 200 }),
    vehicle("van-1", [10], { fixedCostUsd: 50 }),
    vehicle("van-2", [10], { fixedCostUsd: 50 }),
  ];
  return planeProblem(pts, jobs, fleet);
}

describe("route hand-over to a cheaper vehicle", () => {
  it("puts the truck's day on the unused van and reaches the exhaustive optimum", () => {
    const p = mixDay();
    const data = buildProblemData(p);
    const hgs = toHgsData(data, true) as HgsData;
    const customer = (id: string): number => Array.from(hgs.jobOf).findIndex((j, c) => c < hgs.n && p.jobs[j].id === id);
    const start = [[customer("east-1"), customer("east-2")], [customer("west")], []];
    const cap = 1000;
    const cost = (routes: number[][]): number => checkRouting(p, solutionOf(data, hgs, routes)).costUsd;
    expect(cost(start)).toBeCloseTo(291, 6);

    for (let seed = 1; seed <= 4; seed++) {
      const ls = new LocalSearch(hgs, hgs.nVehicles, granularNeighbours(hgs, 20), new Rng(seed));
      // the local search alone keeps the truck
      const searched = ls.run(start, cap, 1, () => false);
      expect(searched[0].length).toBe(2);
      expect(cost(searched)).toBeCloseTo(291, 6);

      // the truck's route may go to the unused van; the van's has no cheaper class; with both
      // vans in use the truck's has none left
      expect(cheaperVehicleFor(hgs, ls, start, 0)).toBe(2);
      expect(cheaperVehicleFor(hgs, ls, start, 1)).toBe(-1);
      expect(cheaperVehicleFor(hgs, ls, [start[0], start[1], [customer("west")]], 0)).toBe(-1);

      const handed = withRouteOn(hgs, ls, start, 0, 2, cap, 1, new Rng(seed), () => false);
      ls.keepFleet = false;
      expect(handed.feasible).toBe(true);
      expect(handed.routes[0]).toEqual([]);
      const check = checkRouting(p, solutionOf(data, hgs, handed.routes));
      expect(check.errors).toEqual([]);
      expect(check.costUsd).toBeCloseTo(bruteForce(p).costUsd, 6);
      expect(check.costUsd).toBeCloseTo(161, 6);
      expect(handed.cost * hgs.costUnit).toBeCloseTo(check.costUsd, 6);
    }
  });

  it("leaves on the van no stop it may not serve, and keeps the number of vehicles", () => {
    // a fourth stop, 1 kg east, that only the truck may serve: the van takes the eastern stops
    // without it, and the search hands the day back to the truck (the exhaustive optimum, 291
    // USD: without the truck the certified stop is not served; with it, two vans cost more)
    const base = mixDay();
    const p: RoutingProblem = {
      ...base,
      jobs: [...base.jobs, job("east-cert", 2, [1], { skills: ["hazardous"] })],
      vehicles: base.vehicles.map((v) => (v.id === "truck" ? { ...v, skills: ["hazardous"] } : v)),
    };
    const data = buildProblemData(p);
    const hgs = toHgsData(data, true) as HgsData;
    const customer = (id: string): number => Array.from(hgs.jobOf).findIndex((j, c) => c < hgs.n && p.jobs[j].id === id);
    const start = [[customer("east-cert"), customer("east-1"), customer("east-2")], [customer("west")], []];
    for (let seed = 1; seed <= 4; seed++) {
      const ls = new LocalSearch(hgs, hgs.nVehicles, granularNeighbours(hgs, 20), new Rng(seed));
      const handed = withRouteOn(hgs, ls, start, 0, 2, 1000, 1, new Rng(seed), () => false);
      ls.keepFleet = false;
      expect(handed.feasible).toBe(true);
      expect(handed.routes.filter((r) => r.length > 0).length).toBe(2);
      expect(handed.routes[0]).toContain(customer("east-cert"));
      const check = checkRouting(p, solutionOf(data, hgs, handed.routes));
      expect(check.errors).toEqual([]);
      expect(check.costUsd).toBeCloseTo(bruteForce(p).costUsd, 6);
      expect(check.costUsd).toBeCloseTo(291, 6);
    }
  });
});
