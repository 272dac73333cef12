import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/domain/index.js";
import { haversineKm } from "../../src/network/index.js";
import { runScenario } from "../../src/pipeline/index.js";
import { dayRequests, serviceDate } from "../../src/pipeline/day-pickups.js";
import { checkPlanRoutes } from "./plan-check.js";

const file = fileURLToPath(new URL("../fixtures/baltimore-scenario.json", import.meta.url));

describe("a scenario on a real street network", () => {
  it("routes along Baltimore's streets and reaches the far offtaker by great-circle", async () => {
    const scenario = parseScenario(JSON.parse(readFileSync(file, "utf8")));
    const plan = await runScenario(scenario, { baseDir: dirname(file), seed: 3, routingIterations: 200, timeLimitS: 60 });
    expect(plan.network).toMatch(/^osm:baltimore\.osm\.pbf/);
    expect(plan.network).toMatch(/offtakers by great-circle/);

    const served = new Set(plan.siting.assignments.map((a) => a.zoneId));
    const ids = dayRequests(scenario, serviceDate(scenario), served).map((r) => r.request.id);
    expect(checkPlanRoutes(plan, scenario, ids)).toEqual([]);
    expect(plan.routing.routes.length).toBeGreaterThan(0);

    for (const r of plan.routing.routes) {
      // Street-following: many more positions than stops, and longer than the straight lines.
      expect(r.geometry.coordinates.length).toBeGreaterThan(r.steps.length * 3);
      let straight = 0;
      for (let i = 1; i < r.steps.length; i++) straight += haversineKm(r.steps[i - 1].location, r.steps[i].location);
      expect(r.distanceKm).toBeGreaterThan(straight);
      for (const [lon, lat] of r.geometry.coordinates) {
        expect(lat).toBeGreaterThan(39.1);
        expect(lat).toBeLessThan(39.5);
        expect(lon).toBeLessThan(-76.4);
      }
    }
    // Assignments carry network distances: at least the straight line between zone and hub.
    for (const a of plan.siting.assignments) {
      const z = scenario.zones.find((x) => x.id === a.zoneId)!;
      const h = scenario.hubSites.find((x) => x.id === a.hubId)!;
      expect(a.distanceKm).toBeGreaterThanOrEqual(haversineKm(z.location, h.location) * 0.999);
    }
  });
});
