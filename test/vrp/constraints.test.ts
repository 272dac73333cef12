// Each constraint of the model on small random cases: the solver's objective must equal the
// optimum found by exhaustive search, and every solution must pass the independent checker.
import { describe, expect, it } from "vitest";
import type { RoutingProblem, RoutingSolution } from "../../src/domain/index.js";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { bruteForce } from "./brute-force.js";
import { job, lcg, planeProblem, randomPoints, vehicle } from "./helpers.js";

function objectiveOf(p: RoutingProblem, s: RoutingSolution): { priority: number; served: number; costUsd: number } {
  const check = checkRouting(p, s);
  expect(check.errors).toEqual([]);
  const served = new Set(s.routes.flatMap((r) => r.steps.filter((x) => x.type === "job").map((x) => x.jobId)));
  const priority = p.jobs.filter((j) => served.has(j.id)).reduce((a, j) => a + j.priority, 0);
  return { priority, served: served.size, costUsd: check.costUsd };
}

function expectOptimal(p: RoutingProblem, iterations = 150): RoutingSolution {
  const s = solveRouting(p, { seed: 7, maxIterations: iterations });
  const got = objectiveOf(p, s);
  const want = bruteForce(p);
  expect(got.priority).toBe(want.priority);
  expect(got.served).toBe(want.served);
  expect(got.costUsd).toBeCloseTo(want.costUsd, 6);
  return s;
}

type Builder = (rand: () => number) => RoutingProblem;

const CASES: Record<string, Builder> = {
  "capacity in two dimensions (kg and m3)": (rand) => {
    const pts = randomPoints(rand, 7);
    const jobs = pts.slice(1).map((_, i) => job(`j${i}`, i + 1, [1 + Math.floor(rand() * 6), Math.round((0.2 + rand() * 1.5) * 10) / 10]));
    return planeProblem(pts, jobs, [vehicle("a", [10, 2.5]), vehicle("b", [10, 2.5])], ["kg", "m3"]);
  },
  "time windows, several per job, with waiting": (rand) => {
    const pts = randomPoints(rand, 7);
    const jobs = pts.slice(1).map((_, i) => {
      const s = Math.floor(rand() * 4) * 900;
      const tw: Array<[number, number]> = rand() < 0.4 ? [[s, s + 600], [s + 2400, s + 3000]] : [[s, s + 1200]];
      return job(`j${i}`, i + 1, [1], { timeWindows: tw, serviceS: 300 });
    });
    return planeProblem(pts, jobs, [vehicle("a", [10], { shift: [0, 7200] }), vehicle("b", [10], { shift: [0, 7200] })]);
  },
  "skills (hazardous) and carrier restriction": (rand) => {
    const pts = randomPoints(rand, 7);
    const jobs = pts.slice(1).map((_, i) =>
      job(`j${i}`, i + 1, [2], { skills: rand() < 0.4 ? ["hazardous"] : [], carrierId: rand() < 0.3 ? "c2" : undefined }),
    );
    return planeProblem(pts, jobs, [vehicle("a", [6], { skills: ["hazardous"] }), vehicle("b", [6], { carrierId: "c2" })]);
  },
  "shift end and priorities when not all fit": (rand) => {
    const pts = randomPoints(rand, 7);
    const jobs = pts.slice(1).map((_, i) => job(`j${i}`, i + 1, [1], { priority: Math.floor(rand() * 3) * 10, serviceS: 600 }));
    return planeProblem(pts, jobs, [vehicle("a", [10], { shift: [0, 3600] })]);
  },
  "max distance, max duration and max tasks": (rand) => {
    const pts = randomPoints(rand, 7);
    const jobs = pts.slice(1).map((_, i) => job(`j${i}`, i + 1, [1], { priority: 1 }));
    return planeProblem(pts, jobs, [vehicle("a", [10], { maxDistanceKm: 40 }), vehicle("b", [10], { maxDurationS: 2400, maxTasks: 2 })]);
  },
  "heterogeneous fleet: fixed, per-hour costs, speed factor, several depots, open routes": (rand) => {
    const pts = randomPoints(rand, 8);
    const jobs = pts.slice(2).map((_, i) => job(`j${i}`, i + 2, [1 + Math.floor(rand() * 3)], { timeWindows: rand() < 0.3 ? [[1800, 4000]] : [] }));
    return planeProblem(pts, jobs, [
      vehicle("a", [8], { fixedCostUsd: 20, costUsdPerHour: 30, end: 1 }),
      vehicle("b", [5], { start: 1, end: undefined, costUsdPerKm: 0.6, speedFactor: 0.8 }),
      vehicle("c", [5], { start: undefined, end: 0, costUsdPerKm: 1.5, costUsdPerHour: 10 }),
    ]);
  },
  "cost per stop and minimum paid shift on a mixed fleet (depots, cost profiles, an open end)": (rand) => {
    const pts = randomPoints(rand, 8);
    const jobs = pts.slice(2).map((_, i) => job(`j${i}`, i + 2, [1 + Math.floor(rand() * 3)], { serviceS: 300 }));
    return planeProblem(pts, jobs, [
      vehicle("a", [8], { costUsdPerStop: 6, costUsdPerHour: 30, minPaidS: 2400 + Math.floor(rand() * 4) * 600 }),
      vehicle("b", [8], { start: 1, end: 1, costUsdPerHour: 40, minPaidS: 3600 }),
      vehicle("c", [6], { start: 1, end: undefined, costUsdPerStop: 2, costUsdPerKm: 0.5, costUsdPerHour: 20 }),
    ]);
  },
  "multiple trips via unload stops": (rand) => {
    const pts = randomPoints(rand, 8);
    const jobs = pts.slice(2).map((_, i) => job(`j${i}`, i + 2, [3 + Math.floor(rand() * 5)]));
    return planeProblem(pts, jobs, [vehicle("a", [10], { unloadLocations: [0, 1], unloadS: 300, maxTrips: 3, costUsdPerHour: 20 })]);
  },
  "load already on board, cleared by an unload (re-optimisation)": (rand) => {
    const pts = randomPoints(rand, 7);
    const jobs = pts.slice(2).map((_, i) => job(`j${i}`, i + 2, [1 + Math.floor(rand() * 4)]));
    return planeProblem(pts, jobs, [
      vehicle("a", [10], { initialLoad: [7], unloadLocations: [1], unloadS: 120, maxTrips: 2 }),
      vehicle("b", [10], { initialLoad: [4] }),
    ]);
  },
  "locked prefix (re-optimisation)": (rand) => {
    const pts = randomPoints(rand, 7);
    const jobs = pts.slice(1).map((_, i) => job(`j${i}`, i + 1, [1]));
    const p = planeProblem(pts, jobs, [vehicle("a", [4]), vehicle("b", [4])]);
    p.locked = [{ vehicleId: "b", jobIds: ["j3", "j0"] }];
    return p;
  },
};

describe("each constraint matches exhaustive search", () => {
  for (const [name, build] of Object.entries(CASES)) {
    it(name, () => {
      for (const seed of [1, 2, 3, 4]) expectOptimal(build(lcg(seed * 7919 + name.length)));
    });
  }
});

describe("cost per stop and minimum paid shift", () => {
  const servedBy = (s: RoutingSolution): Record<string, string[]> =>
    Object.fromEntries(s.routes.map((r) => [r.vehicleId, r.steps.filter((x) => x.type === "job").map((x) => x.jobId ?? "")]));

  it("gives the stops to the vehicle that is cheaper per stop though it drives further", () => {
    // "near" is based beside the three stops, "far" 8 km away; both pay 1 USD/km
    const pts: Array<[number, number]> = [[8, 0], [0, 0], [10, 0], [10, 1], [11, 0]];
    const jobs = [job("x", 2, [1]), job("y", 3, [1]), job("z", 4, [1])];
    const build = (perStop: number): RoutingProblem =>
      planeProblem(pts, jobs, [vehicle("near", [5], { costUsdPerStop: perStop }), vehicle("far", [5], { start: 1, end: 1 })]);
    const free = expectOptimal(build(0));
    expect(Object.keys(servedBy(free))).toEqual(["near"]);
    const paid = expectOptimal(build(10));
    expect(servedBy(paid).far.sort()).toEqual(["x", "y", "z"]);
    expect(paid.routes).toHaveLength(1);
    // it drives further than the other vehicle did, and still costs less than 3 stops at 10 USD
    expect(paid.distanceKm).toBeGreaterThan(free.distanceKm + 10);
    expect(paid.costUsd).toBeLessThan(free.costUsd + 30);
  });

  it("makes one longer route cheaper than two short ones when each driver is paid a minimum shift", () => {
    // two depots 20 km apart, one stop beside each; 30 USD/h and 1 USD/km
    const pts: Array<[number, number]> = [[0, 0], [20, 0], [1, 0], [19, 0]];
    const jobs = [job("w", 2, [1]), job("e", 3, [1])];
    const build = (minPaidS: number): RoutingProblem =>
      planeProblem(pts, jobs, [
        vehicle("a", [5], { costUsdPerHour: 30, minPaidS }),
        vehicle("b", [5], { start: 1, end: 1, costUsdPerHour: 30, minPaidS }),
      ]);
    const short = expectOptimal(build(0));
    expect(short.routes).toHaveLength(2);
    const long = expectOptimal(build(4 * 3600));
    expect(long.routes).toHaveLength(1);
    expect(long.distanceKm).toBeGreaterThan(short.distanceKm + 30);
    // one paid shift of 4 h (120 USD) instead of two
    expect(long.costUsd).toBeCloseTo(120 + long.distanceKm, 6);
  });
});

describe("unassigned reasons", () => {
  const pts: Array<[number, number]> = [[0, 0], [1, 0], [2, 0], [3, 0], [50, 0]];
  it("names capacity, skills, time window, shift, carrier and unreachable", () => {
    const p = planeProblem(
      pts,
      [
        job("heavy", 1, [99]),
        job("battery", 2, [1], { skills: ["hazardous"] }),
        job("late", 3, [1], { timeWindows: [[0, 10]] }),
        job("far", 4, [1]),
        job("other", 1, [1], { carrierId: "nobody" }),
        job("ok", 2, [1]),
      ],
      [vehicle("a", [10], { shift: [0, 2000] })],
    );
    const s = solveRouting(p, { seed: 1, maxIterations: 20 });
    expect(checkRouting(p, s).errors).toEqual([]);
    const reasons = Object.fromEntries(s.unassigned.map((u) => [u.jobId, u.reason]));
    expect(reasons).toEqual({ heavy: "capacity", battery: "skills", late: "time-window", far: "shift", other: "no-vehicle" });
  });

  it("reports an unreachable location, and no vehicle at all", () => {
    const p = planeProblem(pts, [job("island", 4, [1]), job("ok", 1, [1])], [vehicle("a", [10])]);
    p.durationS[0 * 5 + 4] = Infinity;
    p.durationS[4 * 5 + 0] = Infinity;
    const s = solveRouting(p, { seed: 1, maxIterations: 20 });
    expect(checkRouting(p, s).errors).toEqual([]);
    expect(s.unassigned.map((u) => [u.jobId, u.reason])).toEqual([["island", "unreachable"]]);
    const empty = planeProblem(pts, [job("x", 1, [1])], []);
    const e = solveRouting(empty, { seed: 1, maxIterations: 5 });
    expect(e.unassigned).toEqual([{ jobId: "x", reason: "no-vehicle", detail: "the fleet has no vehicles" }]);
    expect(checkRouting(empty, e).ok).toBe(true);
  });

  it("drops the lower-priority job when capacity runs out", () => {
    const p = planeProblem(pts.slice(0, 4), [job("low", 1, [6], { priority: 1 }), job("high", 3, [6], { priority: 50 })], [vehicle("a", [10])]);
    const s = solveRouting(p, { seed: 3, maxIterations: 20 });
    expect(s.unassigned.map((u) => [u.jobId, u.reason])).toEqual([["low", "capacity"]]);
  });
});
