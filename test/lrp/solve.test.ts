// The LRP engine against exact enumeration on tiny instances, the best-known solution of
// coord20-5-1, determinism per seed and cancellation; every answer checked independently.
import { describe, expect, it } from "vitest";
import { parseProdhon, solveLrp } from "../../src/lrp/index.js";
import { checkLrp, readInstance } from "./check-lrp.js";
import { optimumByEnumeration } from "./exhaustive.js";
import { BKS, prodhonText, tinyInstanceText } from "./helpers.js";

function solveChecked(text: string, options: Parameters<typeof solveLrp>[1]) {
  const r = solveLrp(parseProdhon(text, "test.dat"), options);
  const check = checkLrp(readInstance(text), r.routes);
  expect(check.violations).toEqual([]);
  expect(r.cost).toBe(check.cost);
  expect(r.open).toEqual(check.open);
  return { r, cost: check.cost };
}

describe("solveLrp", () => {
  for (const [seed, n, m] of [
    [1, 5, 3],
    [2, 6, 3],
    [3, 7, 2],
    [4, 7, 3],
    [5, 6, 4],
  ]) {
    it(`finds the enumerated optimum of a tiny instance (${n} customers, ${m} depots, seed ${seed})`, () => {
      const text = tinyInstanceText(seed, n, m);
      const opt = optimumByEnumeration(readInstance(text));
      expect(Number.isFinite(opt)).toBe(true);
      const { cost } = solveChecked(text, { seed: 1, maxIterations: 200 });
      expect(cost).toBe(opt);
    });
  }

  it("reaches the best-known cost of coord20-5-1 given enough iterations", () => {
    const { cost } = solveChecked(prodhonText("coord20-5-1"), { seed: 1, maxIterations: 1500 });
    expect(cost).toBeLessThanOrEqual(BKS["coord20-5-1"].bks);
  });

  it("gives the same answer for the same seed and iteration bound", () => {
    const text = prodhonText("coord50-5-1");
    const a = solveChecked(text, { seed: 3, maxIterations: 60 });
    const b = solveChecked(text, { seed: 3, maxIterations: 60 });
    expect(b.r.routes).toEqual(a.r.routes);
    expect(b.r.stats.iterations).toBe(a.r.stats.iterations);
  });

  it("stops when cancelled and returns its best feasible solution so far", () => {
    let polls = 0;
    const { r } = solveChecked(prodhonText("coord100-10-1"), { seed: 1, maxIterations: 1_000_000, isCancelled: () => ++polls > 40 });
    expect(r.stats.stoppedBy).toBe("cancelled");
    expect(r.feasible).toBe(true);
    expect(r.stats.iterations).toBeLessThan(1_000_000);
  });

  it("stops on a shared cancel flag", () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { r } = solveChecked(prodhonText("coord50-5-2"), {
      seed: 1,
      maxIterations: 1_000_000,
      cancelFlag: flag,
      onProgress: () => void Atomics.store(flag, 0, 1),
    });
    expect(r.stats.stoppedBy).toBe("cancelled");
  });
});
