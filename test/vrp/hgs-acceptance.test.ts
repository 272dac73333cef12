// Acceptance of the iterated search: late acceptance until 60% of a known budget, then a
// record-to-record threshold above the best that decays towards the end; a day searched past
// the switch still serves every stop within every rule (checked independently).
import { describe, expect, it } from "vitest";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";
import { acceptanceThreshold } from "../../src/vrp/hgs/iterated.js";
import { job, lcg, planeProblem, randomPoints, vehicle } from "./helpers.js";

describe("iterated search acceptance", () => {
  it("switches to a decaying threshold above the best at 60% of the budget", () => {
    expect(acceptanceThreshold(0)).toBeNull();
    expect(acceptanceThreshold(0.59)).toBeNull();
    expect(acceptanceThreshold(0.6)).toBeCloseTo(0.01, 12);
    expect(acceptanceThreshold(0.8)).toBeCloseTo(0.01 * Math.exp(-2.5), 12);
    expect(acceptanceThreshold(1)).toBeCloseTo(0.01 * Math.exp(-5), 12);
    let last = Infinity;
    for (let p = 0.6; p <= 1; p += 0.05) {
      const t = acceptanceThreshold(p) as number;
      expect(t).toBeLessThan(last);
      expect(t).toBeGreaterThan(0);
      last = t;
    }
  });

  it("a 160-stop mixed-fleet day searched past the switch serves every stop within every rule", () => {
    const rand = lcg(11);
    const pts = randomPoints(rand, 163);
    const jobs = pts.slice(3).map((_, i) =>
      job(`j${i}`, i + 3, [5 + Math.floor(rand() * 40), Math.round(rand() * 5) / 10], {
        serviceS: 180 + Math.floor(rand() * 300),
        timeWindows: rand() < 0.5 ? [[0, 14_400]] : [[14_400, 30_000]],
      }));
    const vans = Array.from({ length: 10 }, (_, k) =>
      vehicle(`van-${k + 1}`, [250, 2], { fixedCostUsd: 55, costUsdPerKm: 0.33, costUsdPerHour: 38, shift: [0, 32_400], start: k % 2, end: 2 }));
    const trucks = Array.from({ length: 5 }, (_, k) =>
      vehicle(`truck-${k + 1}`, [700, 6], { fixedCostUsd: 110, costUsdPerKm: 0.42, costUsdPerHour: 34, shift: [0, 32_400], start: k % 2, end: 2 }));
    const p = planeProblem(pts, jobs, [...vans, ...trucks], ["kg", "m3"]);
    // 40 iterations: the threshold phase runs the last 16 (the iterated search from 150 stops)
    const early = solveRouting(p, { seed: 2, maxIterations: 20 });
    const s = solveRouting(p, { seed: 2, maxIterations: 40 });
    for (const x of [early, s]) {
      expect(x.unassigned).toEqual([]);
      expect(checkRouting(p, x).errors).toEqual([]);
    }
    expect(s.stats.iterations).toBe(40);
    // 20 more iterations, the threshold phase included, end no dearer than 20 (seeded: the same days each run)
    expect(checkRouting(p, s).costUsd).toBeLessThanOrEqual(checkRouting(p, early).costUsd + 1e-6);
  }, 300_000);
});
