// A solve that passes its limits stops: a worker that ignores its stop flag is terminated and
// replaced, a worker past its heap limit dies alone, and the pool goes on serving.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Scenario, UrbanmineError } from "../../src/domain/index.js";
import { createPlanner } from "../../src/pipeline/index.js";

const STUB = join(import.meta.dirname, "fixtures", "stubborn-worker.mjs");
const scenario = (id: string) => ({ id }) as unknown as Scenario;

async function failure(p: Promise<unknown>): Promise<UrbanmineError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UrbanmineError) return e;
    throw e;
  }
  throw new Error("expected the run to fail");
}

describe("runaway solves", () => {
  it("terminates a worker that does not stop after its time limit, and serves the next run on a fresh worker", async () => {
    const planner = createPlanner({ threads: 1, graceS: 0.5, workerFile: STUB });
    try {
      const e = await failure(planner.run(scenario("spin"), { baseDir: ".", timeLimitS: 0.5 }));
      expect(e.code).toBe("RESOURCE_LIMIT");
      expect(e.message).toContain("time limit");
      expect(await planner.run(scenario("next"), { baseDir: ".", timeLimitS: 5 })).toEqual({ answeredBy: "stubborn-worker", id: "next" });
    } finally {
      await planner.close();
    }
  });

  it("terminates a worker that ignores a cancel", async () => {
    const planner = createPlanner({ threads: 1, graceS: 0.5, workerFile: STUB });
    try {
      const ctrl = new AbortController();
      const run = planner.run(scenario("spin"), { baseDir: ".", timeLimitS: 600, signal: ctrl.signal });
      setTimeout(() => ctrl.abort(), 100);
      const e = await failure(run);
      expect(e.code).toBe("RESOURCE_LIMIT");
      expect(e.message).toContain("asked to stop");
    } finally {
      await planner.close();
    }
  });

  it("stops a worker at its heap limit without taking the pool down", async () => {
    const planner = createPlanner({ threads: 1, maxMemoryMb: 96, graceS: 60, workerFile: STUB });
    try {
      const e = await failure(planner.run(scenario("hog"), { baseDir: ".", timeLimitS: 600 }));
      expect(e.code).toBe("RESOURCE_LIMIT");
      expect(e.message).toContain("96 MB");
      expect(await planner.run(scenario("after"), { baseDir: ".", timeLimitS: 5 })).toEqual({ answeredBy: "stubborn-worker", id: "after" });
    } finally {
      await planner.close();
    }
  });
});
