// The VRP worker in a real Piscina pool (one thread): multi-start over seeds with the best
// kept, and cancellation through a shared flag. Needs the build (dist/workers/vrp.js).
import { existsSync } from "node:fs";
import { Piscina } from "piscina";
import { afterAll, describe, expect, it } from "vitest";
import type { RoutingSolution } from "../../src/domain/index.js";
import { bestOf, checkRouting } from "../../src/vrp/index.js";
import { job, lcg, planeProblem, randomPoints, vehicle } from "./helpers.js";

const WORKER = new URL("../../dist/workers/vrp.js", import.meta.url);

function problem() {
  const rand = lcg(99);
  const pts = randomPoints(rand, 41);
  const jobs = pts.slice(1).map((_, i) => job(`p${i}`, i + 1, [1 + Math.floor(rand() * 9)], { timeWindows: rand() < 0.3 ? [[0, 3000]] : [] }));
  return planeProblem(pts, jobs, [0, 1, 2, 3].map((v) => vehicle(`v${v}`, [60], { costUsdPerHour: 20, fixedCostUsd: 30 })));
}

describe("VRP worker", () => {
  if (!existsSync(WORKER)) throw new Error(`build first (npx tsc -p .): ${WORKER.pathname} is missing`);
  const pool = new Piscina({ filename: WORKER.href, maxThreads: 1, minThreads: 1 });
  afterAll(() => pool.destroy());

  it("runs several seeds and keeps the best, each checked", async () => {
    const p = problem();
    const runs = (await Promise.all([1, 2, 3].map((seed) => pool.run({ problem: p, seed, maxIterations: 60 }, { name: "solve" })))) as RoutingSolution[];
    for (const s of runs) expect(checkRouting(p, s).errors).toEqual([]);
    const best = bestOf(p, runs);
    for (const s of runs) expect(best.costUsd).toBeLessThanOrEqual(s.costUsd + 1e-9);
  });

  it("stops on the shared cancel flag with a feasible solution", async () => {
    const p = problem();
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    const running = pool.run({ problem: p, seed: 1, maxIterations: 1_000_000, cancel }, { name: "solve" }) as Promise<RoutingSolution>;
    setTimeout(() => Atomics.store(cancel, 0, 1), 300);
    const s = await running;
    expect(s.stats.stoppedBy).toBe("cancelled");
    expect(checkRouting(p, s).errors).toEqual([]);
  });
});
