// Multi-start routing over the worker pool: the best start is kept (and is as good as every
// single-seed run of the same bound), the result is checked independently, input errors keep
// their code across threads, and an abort returns a feasible best. Needs the build.
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { solveMultiStart } from "../../src/pipeline/index.js";
import { checkRouting, parseCvrplib, routesCost, solveRouting } from "../../src/vrp/index.js";
import { run } from "../../src/cli/commands/vrp.js";
import { job, lcg, planeProblem, randomPoints, vehicle } from "../vrp/helpers.js";

const BENCH = new URL("../../../shared/benchmarks/", import.meta.url).pathname;

function problem() {
  const rand = lcg(7);
  const pts = randomPoints(rand, 61);
  const jobs = pts.slice(1).map((_, i) => job(`p${i}`, i + 1, [1 + Math.floor(rand() * 9)], { timeWindows: rand() < 0.3 ? [[0, 4000]] : [] }));
  return planeProblem(pts, jobs, [0, 1, 2, 3, 4].map((v) => vehicle(`v${v}`, [70], { costUsdPerHour: 20, fixedCostUsd: 30 })));
}

describe("solveMultiStart", () => {
  it("keeps the best of its starts, each start equal to the single-thread run of its seed", async () => {
    const p = problem();
    const best = await solveMultiStart(p, { starts: 3, threads: 2, seed: 5, maxIterations: 80 });
    expect(checkRouting(p, best).errors).toEqual([]);
    expect(best.unassigned).toEqual([]);
    const singles = [5, 6, 7].map((seed) => solveRouting(p, { seed, maxIterations: 80 }));
    const lowest = Math.min(...singles.map((s) => s.costUsd));
    expect(best.costUsd).toBeCloseTo(lowest, 6);
    expect([5, 6, 7]).toContain(best.stats.seed);
    expect(singles.find((s) => s.stats.seed === best.stats.seed)?.costUsd).toBeCloseTo(best.costUsd, 6);
  });

  it("reports an input error with its code and path, not as a worker crash", async () => {
    const p = problem();
    p.jobs[3].location = 999;
    await expect(solveMultiStart(p, { starts: 2, threads: 2, seed: 1, maxIterations: 5 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      issues: expect.arrayContaining([expect.objectContaining({ path: "jobs[3].location" })]),
    });
  });

  it("returns a feasible best of every start when aborted", async () => {
    const p = problem();
    const ctrl = new AbortController();
    const running = solveMultiStart(p, { starts: 2, threads: 2, seed: 1, maxIterations: 10_000_000, signal: ctrl.signal });
    setTimeout(() => ctrl.abort(), 800);
    const s = await running;
    expect(s.stats.stoppedBy).toBe("cancelled");
    expect(checkRouting(p, s).errors).toEqual([]);
  });
});

describe("urbanmine vrp --threads", () => {
  it("solves A-n32-k5 from two seeds in parallel to its best-known cost", async () => {
    let out = "";
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    const code = await run([`${BENCH}cvrp/A/A-n32-k5.vrp`, "--iterations", "100", "--threads", "2", "--json"]);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    const res = JSON.parse(out) as { cost: number; routes: number[][] };
    const inst = parseCvrplib(readFileSync(`${BENCH}cvrp/A/A-n32-k5.vrp`, "utf8"), "A-n32-k5.vrp");
    expect(routesCost(inst, res.routes)).toBe(res.cost);
    expect(res.cost).toBe(784);
  });
});
