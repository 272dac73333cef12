// The us-regional dataset: Phoenix's pre-processed streams must reach the New Mexico flagship by
// rail, because rail (road to the Phoenix ramp, rail × 1.25, one transfer) is cheaper than the road
// (great-circle × 1.2), both recomputed here from the coordinates and the scenario's factors;
// Cleveland's 256 km to Columbus stay on the road. Siting only (no routing).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Location, parseScenario } from "../../src/domain/index.js";
import { listPlaces } from "../../src/pipeline/sites.js";
import { scenarioTravel } from "../../src/pipeline/travel.js";
import { solveSiting } from "../../src/siting/index.js";

const file = join(import.meta.dirname, "..", "..", "datasets", "us-regional", "scenario.json");

function greatCircleKm(a: Location, b: Location): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

describe("us-regional dataset", () => {
  it("sends Phoenix's streams to the New Mexico centre by rail, which is cheaper than the road", async () => {
    const scenario = parseScenario(JSON.parse(readFileSync(file, "utf8")));
    const travel = await scenarioTravel(scenario, listPlaces(scenario), dirname(file));
    expect(travel.rail).toBeDefined();
    const r = await solveSiting(scenario, { road: travel.road, rail: travel.rail }, { timeLimitS: 300 });
    expect(r.siting.status).toBe("optimal");
    expect(r.siting.centres!.map((c) => c.siteId)).toContain("nm-belen-flagship");

    const at = (id: string): Location =>
      [...scenario.hubSites, ...scenario.regional!.centres, ...scenario.terminals].find((p) => p.id === id)!.location;
    const road = scenario.transport.road.costUsdPerTKm;
    const rail = scenario.transport.rail!.costUsdPerTKm;
    const roadC = scenario.network.circuityFactor;
    const railC = scenario.network.railCircuityFactor!;
    // by hand: road to the Phoenix ramp, rail to the rail-served Belen centre, one transfer
    const byRail = greatCircleKm(at("tolleson-i10"), at("phx-glendale")) * roadC * road + greatCircleKm(at("phx-glendale"), at("nm-belen-flagship")) * railC * rail + 15;
    const byRoad = greatCircleKm(at("tolleson-i10"), at("nm-belen-flagship")) * roadC * road;
    expect(byRail).toBeLessThan(byRoad);
    const phoenix = r.siting.shipments!.filter((s) => s.hubId === "tolleson-i10");
    expect(phoenix.length).toBeGreaterThan(0);
    for (const s of phoenix) {
      expect(s).toMatchObject({ centreId: "nm-belen-flagship", mode: "rail", via: "road→phx-glendale rail→nm-belen-flagship" });
      expect(Math.abs(s.transportCostUsdPerYear / s.tonnesPerYear - byRail)).toBeLessThan(1e-6 * byRail);
    }
    // every tonne Phoenix's hub receives goes on to a centre
    const hub = r.massBalance.find((m) => m.hubId === "tolleson-i10")!;
    expect(Math.abs(hub.shippedKg! - hub.inKg)).toBeLessThan(1e-6 * hub.inKg);
    // Cleveland → Columbus is short: the road wins (two transfers cost more than rail saves)
    for (const s of r.siting.shipments!.filter((x) => x.hubId === "industrial-valley")) expect(s.mode).toBe("road");
  }, 600_000);
});
