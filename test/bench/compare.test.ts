// The comparison rules of bench:check: which changes pass, which fail, and why.
import { describe, expect, it } from "vitest";
import { compareRuns } from "../../bench/harness/compare.js";
import { mergeRuns } from "../../bench/harness/merge.js";
import { baseline, gap, results, speed } from "./fixtures.js";

function statusOf(run: ReturnType<typeof baseline>, key: string): string {
  return compareRuns(baseline(), run).rows.find((r) => r.key === key)?.status ?? "absent";
}

describe("compareRuns", () => {
  it("passes a run equal to the baseline", () => {
    const c = compareRuns(baseline(), baseline());
    expect(c.passed).toBe(true);
    expect(c.rows.map((r) => r.status)).toEqual(["ok", "ok", "ok", "ok"]);
  });

  it("passes a run on a 2x slower machine whose ratios moved within the tolerance", () => {
    const run = baseline();
    run.calibration.medianMs = 8;
    run.cases["network/dijkstra-row"] = speed(2.0 * 1.1);
    run.cases["domain/parse-scenario-large"] = speed(5.5 * 0.9);
    expect(compareRuns(baseline(), run).passed).toBe(true);
  });

  it("fails a hot path whose ratio is 30% worse", () => {
    const run = baseline();
    run.cases["network/dijkstra-row"] = speed(2.0 * 1.3);
    const c = compareRuns(baseline(), run);
    expect(c.passed).toBe(false);
    const row = c.rows.find((r) => r.key === "network/dijkstra-row");
    expect(row?.status).toBe("slower");
    expect(row?.change).toBe("+30.0%");
    expect(row?.tolerance).toBe("+25%");
  });

  it("uses a case's own tolerance when it states one", () => {
    const run = baseline();
    run.cases["network/dijkstra-row"] = speed(2.0 * 1.3, { tolerance: 0.4 });
    expect(statusOf(run, "network/dijkstra-row")).toBe("ok");
  });

  it("reports a much faster hot path without failing", () => {
    const run = baseline();
    run.cases["network/dijkstra-row"] = speed(1.0);
    expect(statusOf(run, "network/dijkstra-row")).toBe("faster");
    expect(compareRuns(baseline(), run).passed).toBe(true);
  });

  it("fails a quality gap that grew beyond its tolerance, and passes one within it", () => {
    const worse = baseline();
    worse.cases["vrp/x-n101-k25"] = gap(1.2 + 0.6);
    expect(statusOf(worse, "vrp/x-n101-k25")).toBe("worse");
    expect(compareRuns(baseline(), worse).passed).toBe(false);
    const within = baseline();
    within.cases["vrp/x-n101-k25"] = gap(1.2 + 0.4);
    expect(compareRuns(baseline(), within).passed).toBe(true);
    const exact = baseline();
    exact.cases["siting/cap71"] = gap(0.02, 0.01);
    expect(statusOf(exact, "siting/cap71")).toBe("worse");
  });

  it("treats a higher-is-better figure the other way round", () => {
    const base = results({ "x/served": gap(95, 1, { better: "higher", unit: "%" }) });
    const run = results({ "x/served": gap(93, 1, { better: "higher", unit: "%" }) });
    expect(compareRuns(base, run).rows[0].status).toBe("worse");
    const up = results({ "x/served": gap(97, 1, { better: "higher", unit: "%" }) });
    expect(compareRuns(base, up).rows[0].status).toBe("better");
  });

  it("fails a case that is missing, skipped or failed, and accepts a new one", () => {
    const run = baseline();
    delete run.cases["siting/cap71"];
    run.cases["vrp/x-n101-k25"] = { kind: "skipped", reason: "no shared data" };
    run.cases["network/dijkstra-row"] = { kind: "failed", error: "Error: boom\n  at x" };
    run.cases["network/new-case"] = speed(1);
    const c = compareRuns(baseline(), run);
    const by = Object.fromEntries(c.rows.map((r) => [r.key, r.status]));
    expect(by).toMatchObject({
      "siting/cap71": "missing",
      "vrp/x-n101-k25": "skipped",
      "network/dijkstra-row": "failed",
      "network/new-case": "new",
    });
    expect(c.passed).toBe(false);
  });

  it("does not require full-only cases in a quick run", () => {
    const base = baseline();
    base.cases["vrp/x-n401-k29"] = gap(1.5, 0.5, { fullOnly: true });
    const quick = { ...baseline(), mode: "quick" as const };
    const c = compareRuns(base, quick);
    expect(c.rows.find((r) => r.key === "vrp/x-n401-k29")?.status).toBe("not-run");
    expect(c.passed).toBe(true);
    const full = baseline();
    expect(compareRuns(base, full).passed).toBe(false);
  });

  it("refuses to compare ratios measured against another calibration workload", () => {
    const run = baseline();
    run.calibration.version += 1;
    const c = compareRuns(baseline(), run);
    expect(c.passed).toBe(false);
    expect(c.notes.join(" ")).toMatch(/not comparable/);
  });
});

describe("mergeRuns", () => {
  it("takes the median speed ratio and keeps identical quality values", () => {
    const runs = [1.0, 1.3, 1.1].map((r) => {
      const x = baseline();
      x.cases["network/dijkstra-row"] = speed(r);
      return x;
    });
    const merged = mergeRuns(runs);
    expect(merged.cases["network/dijkstra-row"]).toMatchObject({ kind: "speed", ratio: 1.1, ratios: [1.0, 1.3, 1.1] });
    expect(merged.cases["vrp/x-n101-k25"]).toMatchObject({ kind: "quality", value: 1.2 });
  });

  it("fails a quality case whose value differs between runs of the same seed", () => {
    const other = baseline();
    other.cases["vrp/x-n101-k25"] = gap(1.3);
    const merged = mergeRuns([baseline(), other]);
    expect(merged.cases["vrp/x-n101-k25"]).toMatchObject({ kind: "failed" });
    expect(compareRuns(baseline(), merged).passed).toBe(false);
  });
});
