// The siting worker in a real Piscina pool (one thread): a solve returns a checked report, an
// infeasible scenario comes back as data, and the stop flag ends a long solve with its best plan.
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { afterAll, describe, expect, it } from "vitest";
import type { SitingTask, SitingTaskResult } from "../../workers/siting.js";
import { cityScenario } from "../../bench/siting/city-scenario.js";
import { twoSites } from "./fixtures.js";

const pool = new Piscina({
  filename: fileURLToPath(new URL("../../dist/workers/siting.js", import.meta.url)),
  name: "runSiting",
  minThreads: 1,
  maxThreads: 1,
});
afterAll(() => pool.destroy());

describe("siting worker", () => {
  it("solves and reports", async () => {
    const { scenario, road } = twoSites();
    const r = (await pool.run({ scenario, road, timeLimitS: 10, mipGap: 1e-9 } satisfies SitingTask)) as SitingTaskResult;
    if ("failed" in r) throw new Error(r.failed.message);
    expect(r.report.siting.objectiveUsd).toBeCloseTo(2000, 6);
  });

  it("returns an infeasible scenario as an error record", async () => {
    const { scenario, road } = twoSites({ coverageRadiusKm: 5, maxHubs: 1 });
    const r = (await pool.run({ scenario, road, timeLimitS: 10 } satisfies SitingTask)) as SitingTaskResult;
    if (!("failed" in r)) throw new Error("expected a failure envelope");
    expect(r.failed.code).toBe("INFEASIBLE");
    expect(r.failed.message).toMatch(/maximum number of hubs|coverage radius/);
  });

  it("stops on the shared flag and keeps the best plan", async () => {
    const { scenario, road } = cityScenario(2, 120, 25);
    const stop = new SharedArrayBuffer(4);
    const t0 = Date.now();
    // Raised before the solve starts: the bound and the MIP never run to the end, yet the plan
    // found by the start heuristic comes back, checked. (Left running, this model is proven
    // optimal within a few seconds.)
    Atomics.store(new Int32Array(stop), 0, 1);
    const job = pool.run({ scenario, road, timeLimitS: 120, mipGap: 0, stop } satisfies SitingTask) as Promise<SitingTaskResult>;
    const r = await job;
    expect(Date.now() - t0).toBeLessThan(60_000);
    if ("failed" in r) throw new Error(r.failed.message);
    expect(r.report.siting.status).toBe("feasible"); // interrupted, not proven
    expect(r.report.siting.hubs.length).toBeGreaterThan(0);
    expect(r.report.siting.assignments).toHaveLength(120);
  });
});
