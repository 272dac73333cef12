// Determinism for a seed, cancellation and deadlines (anytime), and progress reports,
// on a 60-stop problem with windows, two dimensions, skills, two carriers and multi-trip.
import { describe, expect, it } from "vitest";
import type { RoutingProblem, RoutingSolution } from "../../src/domain/index.js";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { job, lcg, planeProblem, randomPoints, vehicle } from "./helpers.js";

function richProblem(seed: number, nJobs = 60): RoutingProblem {
  const rand = lcg(seed);
  const pts = randomPoints(rand, nJobs + 2);
  const jobs = pts.slice(2).map((_, i) => {
    const open = 8 * 3600 + Math.floor(rand() * 6) * 1800;
    return job(`p${i}`, i + 2, [1 + Math.floor(rand() * 30), Math.round(rand() * 10) / 10], {
      serviceS: 120 + Math.floor(rand() * 300),
      timeWindows: rand() < 0.4 ? [[open, open + 3600]] : [],
      skills: rand() < 0.15 ? ["hazardous"] : [],
      priority: rand() < 0.2 ? 10 : 0,
      carrierId: rand() < 0.2 ? "c2" : undefined,
    });
  });
  const vehicles = [0, 1, 2, 3, 4].map((v) =>
    vehicle(`v${v}`, [150, 2], {
      carrierId: v < 3 ? "c1" : "c2",
      start: v % 2,
      end: v % 2,
      skills: v === 0 || v === 3 ? ["hazardous"] : [],
      shift: [8 * 3600, 16 * 3600],
      fixedCostUsd: 40 + v,
      costUsdPerHour: 25,
      unloadLocations: [0, 1],
      unloadS: 600,
      maxTrips: 2,
    }),
  );
  return planeProblem(pts, jobs, vehicles, ["kg", "m3"]);
}

const strip = (s: RoutingSolution): unknown => ({ ...s, stats: { ...s.stats, seconds: 0 } });

describe("search", () => {
  it("is deterministic for a seed, and every result passes the checker", () => {
    // unload trips run the genetic search (an individual costs about 0.2 CPU-s here, stops optional):
    // ten generations keep three solves within the test timeout on a busy machine
    const p = richProblem(11);
    const a = solveRouting(p, { seed: 5, maxIterations: 10 });
    const b = solveRouting(p, { seed: 5, maxIterations: 10 });
    expect(strip(a)).toEqual(strip(b));
    const c = solveRouting(p, { seed: 6, maxIterations: 10 });
    for (const s of [a, c]) {
      const check = checkRouting(p, s);
      expect(check.errors).toEqual([]);
      expect(check.costUsd).toBeCloseTo(s.costUsd, 6);
      expect(s.routes.length + s.unassigned.length).toBeGreaterThan(0);
    }
  });

  it("improves on its construction and reports progress", () => {
    const p = richProblem(12);
    const seen: number[] = [];
    const short = solveRouting(p, { seed: 1, maxIterations: 1 });
    const long = solveRouting(p, { seed: 1, maxIterations: 30, onProgress: (x) => seen.push(x.bestCostUsd) });
    expect(checkRouting(p, long).ok).toBe(true);
    expect(long.unassigned.length).toBeLessThanOrEqual(short.unassigned.length);
    if (long.unassigned.length === short.unassigned.length) expect(long.costUsd).toBeLessThan(short.costUsd);
    // best cost may rise when more jobs get served (lexicographic objective), so only presence is checked
    expect(seen.length).toBeGreaterThan(0);
  });

  it("returns a feasible best-so-far solution when cancelled", () => {
    const p = richProblem(13);
    let calls = 0;
    const s = solveRouting(p, { seed: 2, maxIterations: 100_000, shouldStop: () => ++calls > 500 });
    expect(s.stats.stoppedBy).toBe("cancelled");
    expect(s.stats.iterations).toBeLessThan(100_000);
    expect(checkRouting(p, s).errors).toEqual([]);
  });

  it("returns a feasible solution at a very short deadline", () => {
    const p = richProblem(14);
    const s = solveRouting(p, { seed: 3, timeLimitS: 0.05 });
    expect(["time-limit", "iterations"]).toContain(s.stats.stoppedBy);
    expect(s.stats.seconds).toBeLessThan(5);
    expect(checkRouting(p, s).errors).toEqual([]);
  });
});
