// The harness on a tiny suite: speed cases get a ratio to the calibration workload, quality
// cases their value, and skipping or failing cases are recorded without stopping the run.
import { describe, expect, it } from "vitest";
import { makeCalibrationFixture, runCalibration } from "../../bench/harness/calibration.js";
import { QUICK_TIMING, median, quantileSorted } from "../../bench/harness/measure.js";
import { RunResults } from "../../bench/harness/results.js";
import { runSuites } from "../../bench/harness/runner.js";
import { type BenchSuite, SkipCase, qualityCase, speedCase } from "../../bench/harness/types.js";

describe("calibration workload", () => {
  it("is deterministic: same checksum from two fixtures of the same seed", () => {
    const a = runCalibration(makeCalibrationFixture());
    const b = runCalibration(makeCalibrationFixture());
    expect(a).toBe(b);
    expect(Number.isFinite(a) && a > 0).toBe(true);
    expect(runCalibration(makeCalibrationFixture(1))).not.toBe(a);
  });
});

describe("statistics", () => {
  it("median and quantiles", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantileSorted([10], 0.25)).toBe(10);
  });
});

describe("runSuites", () => {
  const suite: BenchSuite = {
    name: "toy",
    cases: [
      speedCase<Float64Array>({
        name: "sum",
        description: "sum of a seeded array",
        setup: () => Float64Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 1000),
        run: (xs) => xs.reduce((a, b) => a + b, 0),
      }),
      qualityCase({ name: "gap", description: "fixed", unit: "gap %", better: "lower", tolerance: 0.5, run: () => ({ value: 1.5, details: { seed: 1 } }) }),
      qualityCase({ name: "needs-data", description: "", unit: "gap %", better: "lower", tolerance: 0, run: () => { throw new SkipCase("no data here"); } }),
      qualityCase({ name: "broken", description: "", unit: "gap %", better: "lower", tolerance: 0, run: () => { throw new Error("infeasible route"); } }),
      speedCase<void>({ name: "async", description: "", timing: { rounds: 1 }, run: () => Promise.resolve(1) }),
      speedCase<void>({ name: "slow-only", description: "", fullOnly: true, run: () => 1 }),
    ],
  };

  it("records ratios, values, skips and failures", async () => {
    const logs: string[] = [];
    const out = await runSuites([suite], { quick: true, context: { repoRoot: ".", sharedDir: undefined, log: (m) => logs.push(m) } });
    expect(RunResults.parse(out)).toBeTruthy();
    expect(out.mode).toBe("quick");
    const sum = out.cases["toy/sum"];
    expect(sum.kind).toBe("speed");
    if (sum.kind === "speed") {
      expect(sum.ratio).toBeGreaterThan(0);
      expect(sum.ratios.length).toBe(QUICK_TIMING.rounds);
    }
    expect(out.cases["toy/gap"]).toMatchObject({ kind: "quality", value: 1.5, details: { seed: 1 } });
    expect(out.cases["toy/needs-data"]).toEqual({ kind: "skipped", reason: "no data here" });
    expect(out.cases["toy/broken"]).toMatchObject({ kind: "failed" });
    expect(out.cases["toy/async"]).toMatchObject({ kind: "speed" });
    expect(out.cases["toy/slow-only"]).toBeUndefined();
    expect(out.calibration.medianMs).toBeGreaterThan(0);
    expect(logs.length).toBe(5);
  });
});
