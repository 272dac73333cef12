// The genetic search on city-day features (mixed fleet with fixed, per-km, per-hour and per-stop
// costs, two depots and end hubs, two capacity dimensions, time windows, skills): on small random
// cases its objective equals the optimum of exhaustive search, checked independently.
import { describe, expect, it } from "vitest";
import type { RoutingProblem } from "../../src/domain/index.js";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { bruteForce } from "./brute-force.js";
import { expectGeneticOptimal } from "./genetic-optimal.js";
import { job, lcg, planeProblem, randomPoints, vehicle } from "./helpers.js";
import { expectOptimalSolution } from "./optimal.js";

/** A day in miniature: vans and a certified truck from two depots, ending at a hub; some jobs hazardous. */
function cityDay(seed: number, nJobs: number): RoutingProblem {
  const rand = lcg(seed);
  const pts = randomPoints(rand, nJobs + 3);
  const jobs = pts.slice(3).map((_, i) => {
    const r = rand();
    const open = Math.floor(rand() * 6) * 1200;
    return job(`j${i}`, i + 3, [1 + Math.floor(rand() * 9), Math.round(rand() * 10) / 10], {
      serviceS: 120 + Math.floor(rand() * 300),
      timeWindows: r < 0.6 ? [[open, open + 2400 + Math.floor(rand() * 3600)]] : [],
      skills: r > 0.8 ? ["hazardous"] : [],
    });
  });
  const van = { fixedCostUsd: 20, costUsdPerKm: 0.5, costUsdPerHour: 30, shift: [0, 12_000] as [number, number] };
  const vehicles = [
    vehicle("van-1", [12, 1.2], { ...van, start: 0, end: 2 }),
    vehicle("van-2", [12, 1.2], { ...van, start: 1, end: 2, costUsdPerStop: 1 }),
    vehicle("truck-1", [30, 3], { fixedCostUsd: 45, costUsdPerKm: 0.7, costUsdPerHour: 25, shift: [600, 13_000], start: 1, end: 2, skills: ["hazardous"], carrierId: "c2" }),
  ];
  return planeProblem(pts, jobs, vehicles, ["kg", "m3"]);
}

describe("hybrid genetic search (mixed fleet)", () => {
  it("is optimal on tiny city days with a mixed fleet, skills, windows and two dimensions", () => {
    for (let seed = 1; seed <= 8; seed++) {
      const p = cityDay(seed * 17, 6);
      const s = solveRouting(p, { seed: 1, maxIterations: 200 });
      const check = checkRouting(p, s);
      expect(check.errors).toEqual([]);
      const want = bruteForce(p);
      expect(p.jobs.length - s.unassigned.length).toBe(want.served);
      expect(check.costUsd).toBeCloseTo(want.costUsd, 6);
    }
  });

  it("leaves stops out when the fleet is too small: served priority first, then stops, then cost (optimal, with reasons)", () => {
    let left = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const p = cityDay(seed * 31, 7);
      const rand = lcg(seed);
      // half the capacity and a short day: not every stop fits; priorities decide which
      p.jobs = p.jobs.map((j) => ({ ...j, priority: Math.floor(rand() * 3) * 5 }));
      p.vehicles = p.vehicles.map((v) => ({ ...v, capacity: v.capacity.map((c) => c / 2), shift: [v.shift[0], Math.min(v.shift[1], 7200)] as [number, number] }));
      // which stops to leave out is searched by the population: more generations than with every stop served
      const s = solveRouting(p, { seed: 1, maxIterations: 1000 });
      expectOptimalSolution(p, s);
      for (const u of s.unassigned) expect(u.reason).not.toBe("not-profitable");
      left += s.unassigned.length;
    }
    expect(left).toBeGreaterThan(8);
  });

  it("leaves stops out of a classic fleet (identical vans, one depot, per km) too small for them", () => {
    for (let seed = 1; seed <= 4; seed++) {
      const rand = lcg(seed * 7);
      const pts = randomPoints(rand, 8);
      const jobs = pts.slice(1).map((_, i) => job(`j${i}`, i + 1, [1 + Math.floor(rand() * 5)], { priority: rand() < 0.3 ? 10 : 0 }));
      const p = planeProblem(pts, jobs, [vehicle("a", [8]), vehicle("b", [8])]);
      expectGeneticOptimal(p, 1000, 2);
    }
  });

  it("is optimal with open routes (a van ending at its last stop, a van starting at its first)", () => {
    for (let seed = 1; seed <= 6; seed++) {
      const p = cityDay(seed * 43, 6);
      p.vehicles = p.vehicles.map((v) => (v.id === "van-1" ? { ...v, end: undefined } : v.id === "van-2" ? { ...v, start: undefined } : v));
      expectGeneticOptimal(p, 300);
    }
  });

  it("is optimal with several time windows per stop (one customer per window, one of them served)", () => {
    for (let seed = 1; seed <= 4; seed++) {
      const p = cityDay(seed * 47, 6);
      const rand = lcg(seed * 3);
      p.jobs = p.jobs.map((j) => {
        if (rand() < 0.4) return j;
        const s = Math.floor(rand() * 4) * 1200;
        return { ...j, timeWindows: [[s, s + 900], [s + 3600, s + 4800]] as Array<[number, number]> };
      });
      expectGeneticOptimal(p, 1000);
    }
  });

  it("keeps a locked prefix (re-optimisation) and is optimal around it", () => {
    for (let seed = 1; seed <= 4; seed++) {
      const p = cityDay(seed * 29, 6);
      p.vehicles = p.vehicles.map((v) => ({ ...v, shift: [0, 30_000] as [number, number], capacity: v.capacity.map((c) => 2 * c) }));
      // lock two jobs any van may serve, open all day so the locked order is always feasible
      const free = p.jobs.filter((j) => j.skills.length === 0).slice(0, 2).map((j) => j.id);
      expect(free.length).toBe(2);
      p.jobs = p.jobs.map((j) => (free.includes(j.id) ? { ...j, timeWindows: [] } : j));
      p.locked = [{ vehicleId: "van-2", jobIds: free.slice(0, 2) }];
      const s = solveRouting(p, { seed: 1, maxIterations: 200 });
      const check = checkRouting(p, s);
      expect(check.errors).toEqual([]);
      const van2 = s.routes.find((r) => r.vehicleId === "van-2");
      expect(van2?.steps.filter((x) => x.type === "job").slice(0, 2).map((x) => x.jobId)).toEqual(free.slice(0, 2));
      const want = bruteForce(p);
      expect(p.jobs.length - s.unassigned.length).toBe(want.served);
      expect(check.costUsd).toBeCloseTo(want.costUsd, 6);
    }
  });

  it("is deterministic for a seed and keeps hazardous jobs on certified vehicles", () => {
    const p = cityDay(5, 40);
    // room for every job: long shifts, three times the capacity
    const fleet = p.vehicles.map((v) => ({ ...v, shift: [0, 40_000] as [number, number], capacity: v.capacity.map((c) => 3 * c) }));
    p.vehicles = [...fleet, ...fleet.map((v) => ({ ...v, id: `${v.id}b` })), ...fleet.map((v) => ({ ...v, id: `${v.id}c` }))];
    const a = solveRouting(p, { seed: 3, maxIterations: 20 });
    const b = solveRouting(p, { seed: 3, maxIterations: 20 });
    expect(a.routes).toEqual(b.routes);
    expect(checkRouting(p, a).errors).toEqual([]);
    const certified = new Set(p.vehicles.filter((v) => v.skills.includes("hazardous")).map((v) => v.id));
    const hazardous = new Set(p.jobs.filter((j) => j.skills.includes("hazardous")).map((j) => j.id));
    expect(hazardous.size).toBeGreaterThan(0);
    for (const r of a.routes) for (const s of r.steps) if (s.jobId !== undefined && hazardous.has(s.jobId)) expect(certified.has(r.vehicleId)).toBe(true);
  });

  it("stops a tiny day before its time limit when nothing improves, and says why", () => {
    const p = cityDay(3, 1);
    const s = solveRouting(p, { seed: 1, maxIterations: 1_000_000 });
    expect(s.stats.stoppedBy).toBe("no-improvement");
    expect(s.stats.iterations).toBeLessThan(1_000_000);
    expect(checkRouting(p, s).errors).toEqual([]);
  });
});
