// The benchmark fixtures are valid and seeded: the large scenario parses, the day of routes
// matches the plan schema with 200 stops, and both come out the same for the same seed.
import { describe, expect, it } from "vitest";
import { Plan, parseScenario } from "../../src/domain/index.js";
import { makeDayRoutes } from "../../bench/suites/fixtures/day-routes.js";
import { LARGE_SCENARIO, makeLargeScenario } from "../../bench/suites/fixtures/large-scenario.js";
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

  it("names every case once", () => {
    const keys = SUITES.flatMap((s) => s.cases.map((c) => `${s.name}/${c.name}`));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
