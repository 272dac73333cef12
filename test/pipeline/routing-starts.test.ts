// The day's routes from several seeds on worker threads (routingStarts): with an iteration
// bound the plan is at least as good as the single-thread plan of the first seed (that seed is
// one of the starts), and its routes pass the independent plan check. Needs the build.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/domain/index.js";
import { dayRequests, serviceDate } from "../../src/pipeline/day-pickups.js";
import { runScenario } from "../../src/pipeline/index.js";
import { checkPlanRoutes } from "./plan-check.js";

const file = new URL("../fixtures/tiny-scenario.json", import.meta.url).pathname;

describe("runScenario with routingStarts", () => {
  it("keeps the best of two seeds, no worse than the first seed alone, and every route checks", async () => {
    const scenario = parseScenario(JSON.parse(readFileSync(file, "utf8")));
    const opts = { baseDir: dirname(file), seed: 4, routingIterations: 150, timeLimitS: 120 };
    const one = await runScenario(scenario, opts);
    const two = await runScenario(scenario, { ...opts, routingStarts: 2 });
    const served = new Set(two.siting.assignments.map((a) => a.zoneId));
    const ids = dayRequests(scenario, serviceDate(scenario), served).map((x) => x.request.id);
    expect(checkPlanRoutes(two, scenario, ids)).toEqual([]);
    expect(two.kpis.day.stopsServed).toBeGreaterThanOrEqual(one.kpis.day.stopsServed);
    if (two.kpis.day.stopsServed === one.kpis.day.stopsServed) expect(two.kpis.day.costUsd).toBeLessThanOrEqual(one.kpis.day.costUsd + 1e-6);
  });
});
