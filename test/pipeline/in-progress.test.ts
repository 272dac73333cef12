// Re-optimising a day in progress through the real pipeline: a vehicle on the road is routed
// on from where it stands, when it is free, with its load on board; the routes pass the
// independent routing checker on the problem the pipeline built.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario, type Plan, type Scenario } from "../../src/domain/index.js";
import { greatCircleMatrix } from "../../src/network/index.js";
import { routeDay } from "../../src/pipeline/index.js";
import { dayRequests } from "../../src/pipeline/day-pickups.js";
import { buildRoutingProblem } from "../../src/pipeline/routing-problem.js";
import { listPlaces } from "../../src/pipeline/sites.js";
import { checkRouting, solveRouting } from "../../src/vrp/index.js";

const load = (): Scenario => parseScenario(JSON.parse(readFileSync(new URL("../fixtures/tiny-scenario.json", import.meta.url), "utf8")));

/** Six pickups around the tiny town on one date. */
function withPickups(s: Scenario): Scenario {
  s.pickups = Array.from({ length: 6 }, (_, i) => ({
    id: `p${i + 1}`, location: { lat: 36.19 + 0.008 * i, lon: -86.33 + 0.01 * i }, units: { laptop: 30 }, date: "2026-12-01", timeWindows: [], serviceS: 300, priority: 0,
  }));
  return s;
}

const state = { vehicleId: "van-1", location: { lat: 36.25, lon: -86.26 }, clock: "13:30", loadKg: 500, loadM3: 2 };
/** The stop promised next keeps van-1 on the road. */
const locked = [{ vehicleId: "van-1", jobIds: ["p1"] }];

describe("a day in progress", () => {
  it("builds the routing problem from each vehicle's position, clock time and load on board", () => {
    const s = withPickups(load());
    const reqs = dayRequests(s, "2026-12-01", new Set());
    const places = [...listPlaces(s, reqs.map((r) => r.request)), { id: "position:van-1", kind: "position" as const, location: state.location }];
    const road = greatCircleMatrix(places, 1.2, 40);
    const p = buildRoutingProblem({ scenario: s, road, openHubIds: ["h1"], requests: reqs, locked, vehicleStates: [{ ...state, placeId: "position:van-1" }] });
    const van1 = p.vehicles.find((v) => v.id === "van-1")!;
    expect(p.locationIds[van1.start!]).toBe("position:van-1");
    expect(van1.shift[0]).toBe(13.5 * 3600);
    expect(van1.initialLoad).toEqual([500, 2]);
    // the other van is untouched
    expect(p.vehicles.find((v) => v.id === "van-2")!.initialLoad).toBeUndefined();
    const sol = solveRouting(p, { seed: 1, maxIterations: 100 });
    expect(checkRouting(p, sol).errors).toEqual([]);
    const r1 = sol.routes.find((r) => r.vehicleId === "van-1")!;
    expect(r1.steps[1].jobId).toBe("p1");
    // 500 kg on board of 600: van-1 can take at most two 48 kg pickups
    expect(r1.steps.filter((x) => x.type === "job").length).toBeLessThanOrEqual(2);
  });

  it("routeDay starts the vehicle on the road where it stands, after its clock time, with its load", async () => {
    const s = withPickups(load());
    const plan = { siting: { hubs: [{ siteId: "h1" }] } } as unknown as Plan;
    const routing = await routeDay({ scenario: s, plan, pickups: s.pickups!, date: "2026-12-01", baseDir: ".", vehicleStates: [state], locked, seed: 1, timeLimitS: 5 });
    const served = routing.routes.flatMap((r) => r.steps.filter((x) => x.type === "job").map((x) => x.id));
    expect([...served, ...routing.unassigned.map((u) => u.id)].sort()).toEqual(["p1", "p2", "p3", "p4", "p5", "p6"]);
    const r1 = routing.routes.find((r) => r.vehicleId === "van-1")!;
    expect(r1.steps[0].location).toEqual(state.location);
    expect(r1.steps[0].departureS).toBeGreaterThanOrEqual(13.5 * 3600);
    expect(r1.steps[0].loadKg).toBe(500);
    expect(r1.steps[1].id).toBe("p1");
    for (const x of r1.steps) expect(x.loadKg).toBeLessThanOrEqual(600 + 1e-6);
  });
});
