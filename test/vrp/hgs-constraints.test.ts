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
  const share = seed % 2 === 1;
  const jobs = pts.slice(2).map((_, i) => job(`j${i}`, i + 2, [1 + Math.floor(rand() * 4)], {
    serviceS: 300 + Math.floor(rand() * 600),
    timeWindows: rand() < 0.5 ? [[Math.floor(rand() * 4) * 1800, Math.floor(rand() * 4) * 1800 + 5400]] : [],
  }));
  // two jobs share a location now and then, so a setup time is waived between them
  if (share) jobs[5].location = jobs[4].location;
  const common: Partial<RoutingVehicle> = { costUsdPerKm: 0.6, costUsdPerHour: 24, fixedCostUsd: 15, shift: [0, 14_400] };
  const vehicles = [
    vehicle("v1", [10], { ...common, start: 0, end: 0 }),
    vehicle("v2", [8], { ...common, start: 1, end: 0, fixedCostUsd: 10 }),
  ];
  const p = planeProblem(pts, jobs, vehicles);
  change(p, rand);
  return p;
}

/** Solves `p`, checks it independently and compares with exhaustive search (`want`); returns the solution. */
function expectOptimal(p: RoutingProblem, want = bruteForce(p)): ReturnType<typeof solveRouting> {
  const s = solveRouting(p, { seed: 1, maxIterations: 150 });
  const check = checkRouting(p, s);
  expect(check.errors).toEqual([]);
  expect(p.jobs.length - s.unassigned.length).toBe(want.served);
  expect(check.costUsd).toBeCloseTo(want.costUsd, 6);
  return s;
}

/** Runs `count` small days (on some of them not every job fits) against exhaustive search. */
function optimalOnDays(count: number, change: (p: RoutingProblem, rand: () => number) => void, after: (p: RoutingProblem, s: ReturnType<typeof solveRouting>) => void = () => {}): void {
  for (let seed = 1; seed <= count; seed++) {
    const p = smallDay(seed * 13, change);
    after(p, expectOptimal(p, bruteForce(p)));
  }
}

describe("driver breaks", () => {
  it("places every used vehicle's breaks optimally (exhaustive search on small days)", () => {
    const withBreaks = (q: RoutingProblem, rand: () => number): void => {
      const open = 1800 + Math.floor(rand() * 4) * 900;
      q.vehicles[0].breaks = [{ id: "lunch", timeWindows: [[open, open + 1800]], serviceS: 1800 }];
      q.vehicles[1].breaks = [{ id: "lunch", timeWindows: [[open, open + 1800]], serviceS: 1800 }, { id: "coffee", timeWindows: [], serviceS: 600 }];
    };
    optimalOnDays(6, withBreaks, (p, s) => {
      for (const r of s.routes) {
        const v = p.vehicles.find((x) => x.id === r.vehicleId)!;
        expect(r.steps.filter((x) => x.type === "break").map((x) => x.breakId).sort()).toEqual(v.breaks!.map((b) => b.id).sort());
      }
    });
  });

  it("places breaks optimally when the vehicles drive at different speeds (exhaustive search)", () => {
    optimalOnDays(4, (q, rand) => {
      const open = 1800 + Math.floor(rand() * 4) * 900;
      q.vehicles[0].speedFactor = 1.4;
      q.vehicles[1].speedFactor = 0.7;
      for (const v of q.vehicles) v.breaks = [{ id: "lunch", timeWindows: [[open, open + 1800]], serviceS: 1800 }];
    });
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

describe("setup times", () => {
  it("pays a job's setup only when arriving from another location, optimally (exhaustive search)", () => {
    let waived = 0;
    optimalOnDays(6, (q, rand) => {
      q.jobs = q.jobs.map((j) => ({ ...j, setupS: 300 + Math.floor(rand() * 900) }));
    }, (p, s) => {
      for (const r of s.routes)
        r.steps.forEach((x, k) => {
          if (x.type === "job" && k > 0 && r.steps[k - 1].location === x.location) waived++;
        });
      expect(s.routes.flatMap((r) => r.steps).some((x) => (x.setupS ?? 0) > 0)).toBe(true);
    });
    // the days with two jobs at one place put them back to back and skip the second setup
    expect(waived).toBeGreaterThan(0);
  });

  it("pays setup on a vehicle with an open end and one with an open start, optimally (exhaustive search)", () => {
    optimalOnDays(4, (q, rand) => {
      q.jobs = q.jobs.map((j) => ({ ...j, setupS: 300 + Math.floor(rand() * 600) }));
      delete q.vehicles[0].end;
      delete q.vehicles[1].start;
    });
  });

  it("the checker refuses a missing or a needless setup", () => {
    const p = smallDay(3, (q) => {
      q.jobs = q.jobs.map((j) => ({ ...j, setupS: 600, timeWindows: [] }));
    });
    p.vehicles[0].capacity = [100];
    p.vehicles[0].shift = [0, 40_000];
    const s = solveRouting(p, { seed: 1, maxIterations: 50 });
    expect(checkRouting(p, s).errors).toEqual([]);
    const bad = structuredClone(s);
    const step = bad.routes[0].steps.find((x) => x.type === "job")!;
    step.setupS = 0;
    step.departureS -= 600;
    expect(checkRouting(p, bad).errors.join("\n")).toMatch(/setup 0 s, job '.*' needs 600 s here/);
  });
});

describe("incompatible tags", () => {
  it("never puts lithium with ferrous scrap on one vehicle, optimally (exhaustive search)", () => {
    optimalOnDays(6, (q, rand) => {
      q.vehicles.push(vehicle("v3", [10], { costUsdPerKm: 0.6, costUsdPerHour: 24, fixedCostUsd: 30, shift: [0, 14_400], start: 1, end: 0 }));
      q.jobs = q.jobs.map((j) => {
        const r = rand();
        return { ...j, tags: r < 0.35 ? ["lithium"] : r < 0.7 ? ["ferrous", "bulky"] : ["bulky"] };
      });
      q.incompatibleTags = [["lithium", "ferrous"]];
    }, (p, s) => {
      for (const r of s.routes) {
        const tags = new Set(r.steps.flatMap((x) => p.jobs.find((j) => j.id === x.jobId)?.tags ?? []));
        expect(tags.has("lithium") && tags.has("ferrous")).toBe(false);
      }
    });
  });

  it("the checker refuses a route mixing incompatible tags", () => {
    const p = smallDay(5, (q) => {
      q.jobs = q.jobs.map((j, i) => ({ ...j, tags: [i % 2 === 0 ? "lithium" : "ferrous"], timeWindows: [] }));
    });
    p.vehicles = [{ ...p.vehicles[0], capacity: [100], shift: [0, 40_000] }];
    const s = solveRouting(p, { seed: 1, maxIterations: 50 });
    expect(checkRouting(p, s).errors).toEqual([]);
    p.incompatibleTags = [["lithium", "ferrous"]];
    expect(checkRouting(p, s).errors.join("\n")).toMatch(/\(lithium\) and job .* \(ferrous\) may not share a vehicle/);
  });
});

describe("a day in progress", () => {
  it("routes each vehicle on from where it stands, when it is free, with its load on board, optimally (exhaustive search)", () => {
    optimalOnDays(6, (q, rand) => {
      // v1 stands at a job site at 10:00 with 6 units on board and one stop promised next; v2 is still at its depot
      q.vehicles[0].start = 7;
      q.vehicles[0].shift = [3600 + Math.floor(rand() * 4) * 600, 14_400];
      q.vehicles[0].initialLoad = [6];
      q.jobs = q.jobs.filter((j) => j.location !== 7);
      q.locked = [{ vehicleId: "v1", jobIds: [q.jobs[0].id] }];
      q.jobs[0].timeWindows = [];
      q.vehicles[1].breaks = [{ id: "lunch", timeWindows: [[5400, 9000]], serviceS: 1200 }];
      // room for every job: which jobs to leave out is the optional-stop search's concern, not this test's
      q.vehicles[1].shift = [0, 20_000];
      q.vehicles[1].capacity = [20];
    }, (p, s) => {
      const v1 = s.routes.find((r) => r.vehicleId === "v1")!;
      expect(v1.steps[0]).toMatchObject({ type: "start", location: 7, load: [6] });
      expect(v1.steps[0].departureS).toBeGreaterThanOrEqual(p.vehicles[0].shift[0]);
      expect(v1.steps[1].jobId).toBe(p.jobs[0].id);
    });
  });
});

describe("shipments", () => {
  /** Two shipments hub → hub among four plain jobs; v2 is small, so loads rise and fall. */
  const withShipments = (q: RoutingProblem, rand: () => number): void => {
    const amount = [3 + Math.floor(rand() * 4)];
    q.jobs = q.jobs.slice(0, 4);
    q.jobs.push(job("s1-p", 0, amount, { serviceS: 600 }), job("s1-d", 5, amount, { serviceS: 600, timeWindows: [[0, 7200]] }));
    q.jobs.push(job("s2-p", 1, [4], { serviceS: 300 }), job("s2-d", 3, [4], { serviceS: 300 }));
    q.shipments = [{ id: "s1", pickupJobId: "s1-p", deliveryJobId: "s1-d" }, { id: "s2", pickupJobId: "s2-p", deliveryJobId: "s2-d" }];
  };

  it("serves each pickup and its delivery on one vehicle, pickup first, optimally (exhaustive search)", () => {
    optimalOnDays(6, withShipments, (p, s) => {
      for (const sh of p.shipments!) {
        const route = s.routes.find((r) => r.steps.some((x) => x.jobId === sh.pickupJobId));
        const ids = route?.steps.map((x) => x.jobId) ?? [];
        if (route) expect(ids.indexOf(sh.deliveryJobId)).toBeGreaterThan(ids.indexOf(sh.pickupJobId));
        else expect(s.unassigned.map((u) => u.jobId)).toEqual(expect.arrayContaining([sh.pickupJobId, sh.deliveryJobId]));
      }
    });
  });

  it("the checker refuses a delivery before its pickup", () => {
    const p = smallDay(9, withShipments);
    p.vehicles = p.vehicles.map((v) => ({ ...v, capacity: [40], shift: [0, 40_000] as [number, number] }));
    p.jobs = p.jobs.map((j) => ({ ...j, timeWindows: [] }));
    const s = solveRouting(p, { seed: 1, maxIterations: 50 });
    expect(checkRouting(p, s).errors).toEqual([]);
    const route = s.routes.find((r) => r.steps.some((x) => x.jobId === "s1-p"))!;
    const swapped = structuredClone(s);
    const steps = swapped.routes[s.routes.indexOf(route)].steps;
    const a = steps.findIndex((x) => x.jobId === "s1-p");
    const b = steps.findIndex((x) => x.jobId === "s1-d");
    [steps[a].jobId, steps[b].jobId] = [steps[b].jobId, steps[a].jobId];
    expect(checkRouting(p, swapped).errors.join("\n")).toMatch(/'s1': delivered \(step \d+\) before it is picked up/);
  });
});
