// The benchmark fixtures are valid and seeded: the large scenario parses, the day of routes
// matches the plan schema with 200 stops, and both come out the same for the same seed.
import { describe, expect, it } from "vitest";
import { Plan, parseScenario } from "../../src/domain/index.js";
import { makeDayRoutes } from "../../bench/suites/fixtures/day-routes.js";
import { LARGE_SCENARIO, makeLargeScenario } from "../../bench/suites/fixtures/large-scenario.js";
import { findRepoRoot, findSharedDir } from "../../bench/harness/paths.js";
import { runSuites } from "../../bench/harness/runner.js";
import { SUITES } from "../../bench/suites/index.js";

describe("benchmark fixtures", () => {
  it("generates a large scenario that validates, the same for the same seed", () => {
    const s = parseScenario(makeLargeScenario(7));
    expect(s.zones.length).toBe(LARGE_SCENARIO.zones);
    expect(s.pickups?.length).toBe(LARGE_SCENARIO.pickups);
    expect(JSON.stringify(makeLargeScenario(7))).toBe(JSON.stringify(makeLargeScenario(7)));
    expect(JSON.stringify(makeLargeScenario(8))).not.toBe(JSON.stringify(makeLargeScenario(7)));
  });

  it("generates a day of 200 stops that matches the plan schema", () => {
    const day = makeDayRoutes(11);
    Plan.shape.routing.parse(day);
    const jobs = day.routes.flatMap((r) => r.steps.filter((s) => s.type === "job"));
    expect(jobs.length).toBe(200);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(200);
    expect(JSON.stringify(makeDayRoutes(11))).toBe(JSON.stringify(day));
  });

  it("names every case once, and covers the hot paths of every engine", () => {
    const keys = SUITES.flatMap((s) => s.cases.map((c) => `${s.name}/${c.name}`));
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of ["network/dijkstra-rows-baltimore", "network/matrix-rows-baltimore-50", "vrp/hgs-initial-population-bound-x-n101-k25", "vrp/hgs-initial-population-a-n32-k5", "siting/model-build-capa", "domain/parse-scenario-large", "domain/routes-json-200-stops"])
      expect(keys).toContain(k);
  });

  it("runs a real quality case from the shared benchmarks: cap71 solved to its capopt optimum", async () => {
    const repoRoot = findRepoRoot();
    const sharedDir = findSharedDir(repoRoot);
    expect(sharedDir, "the shared benchmarks folder must be beside the repository").toBeDefined();
    const out = await runSuites(SUITES, { quick: true, keys: ["siting/gap-cap71"], context: { repoRoot, sharedDir, log: () => {} } });
    expect(Object.keys(out.cases)).toEqual(["siting/gap-cap71"]);
    const r = out.cases["siting/gap-cap71"];
    expect(r.kind).toBe("quality");
    if (r.kind === "quality") {
      expect(Math.abs(r.value)).toBeLessThan(1e-6);
      expect(r.details).toMatchObject({ capopt: 932615.75, status: "optimal" });
    }
  });
});
