// The md-fl-corridor dataset's EU gateway: every hub reaches the Rotterdam centre by road to its
// nearest US port centre and a sea lane, priced here by hand from the coordinates and the
// factors; the base plan keeps every tonne in the US (each hub has a US centre nearer by road than
// Rotterdam by sea), and when the US buyers are gone Miami's streams must cross: by the sea lane
// from Port Everglades to Rotterdam, whose precious metals and copper Umicore buys. Siting only.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Location, parseScenario, type ScenarioInput } from "../../src/domain/index.js";
import { listPlaces } from "../../src/pipeline/sites.js";
import { scenarioTravel } from "../../src/pipeline/travel.js";
import { solveSiting } from "../../src/siting/index.js";

const file = join(import.meta.dirname, "..", "..", "datasets", "md-fl-corridor", "scenario.json");
const raw = (): ScenarioInput => JSON.parse(readFileSync(file, "utf8"));

function greatCircleKm(a: Location, b: Location): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

const PORTS = ["md-tradepoint", "ga-savannah", "fl-jaxport", "fl-port-everglades"];
const SEA_USD_PER_T = 125; // the sea leg's stated all-in cost (place.json)

describe("md-fl-corridor: Rotterdam, the EU gateway", () => {
  const s = parseScenario(raw());
  const centre = (id: string) => s.regional!.centres.find((c) => c.id === id)!;
  const road = s.transport.road.costUsdPerTKm;

  it("prices every hub's sea lane to Rotterdam by hand: road to its nearest port centre, then the sea leg", () => {
    expect(centre("nl-rotterdam").modes).toEqual(["sea"]);
    for (const h of s.hubSites) {
      const port = PORTS.reduce((a, b) => (greatCircleKm(h.location, centre(a).location) <= greatCircleKm(h.location, centre(b).location) ? a : b));
      const lane = s.lanes.find((l) => l.from === h.id && l.to === "nl-rotterdam")!;
      expect(lane.id).toBe(`${h.id}--rotterdam-via-${port}`);
      const roadKm = Math.round(greatCircleKm(h.location, centre(port).location) * s.network.circuityFactor);
      expect(Math.abs(lane.costUsdPerT - (roadKm * road + SEA_USD_PER_T))).toBeLessThan(0.01);
      // no road route crosses the Atlantic: the nearest US centre by road is cheaper than the lane
      const nearest = Math.min(...PORTS.concat("va-richmond-port").map((c) => greatCircleKm(h.location, centre(c).location) * s.network.circuityFactor * road));
      expect(nearest).toBeLessThan(lane.costUsdPerT);
    }
  });

  it("Miami's streams cross to Rotterdam when only Umicore buys, and stay home in the base plan", async () => {
    // Miami-Dade alone at the Doral hub; the US buyers gone: only Umicore (via Rotterdam) pays
    const input = raw() as ScenarioInput & { zones: Array<{ id: string }>; offtakers: Array<{ id: string }> };
    input.zones = input.zones.filter((z) => z.id === "zip3-331");
    const withBuyers = parseScenario(input);
    input.offtakers = input.offtakers.filter((o) => o.id === "umicore-hoboken");
    const eu = parseScenario(input);
    const places = listPlaces(withBuyers);
    const travel = await scenarioTravel(withBuyers, places, dirname(file));
    // Rotterdam is out of road reach (over network.maxRoadKm)
    const n = travel.road.ids.length;
    const i = travel.road.ids.indexOf("miami-doral");
    expect(travel.road.distanceKm[i * n + travel.road.ids.indexOf("nl-rotterdam")]).toBe(Infinity);

    const base = await solveSiting(withBuyers, { road: travel.road, rail: travel.rail }, { timeLimitS: 300 });
    expect(base.siting.centres!.map((c) => c.siteId)).not.toContain("nl-rotterdam");

    const travelEu = await scenarioTravel(eu, listPlaces(eu), dirname(file));
    const r = await solveSiting(eu, { road: travelEu.road, rail: travelEu.rail }, { timeLimitS: 300 });
    expect(r.siting.centres!.map((c) => c.siteId)).toEqual(["nl-rotterdam"]);
    const lane = eu.lanes.find((l) => l.id === "miami-doral--rotterdam-via-fl-port-everglades")!;
    const hubIn = r.siting.hubs.find((h) => h.siteId === "miami-doral")!.inflowTPerYear;
    const shipped = r.siting.shipments!;
    expect(shipped.every((x) => x.hubId === "miami-doral" && x.centreId === "nl-rotterdam" && x.via === `lane ${lane.id}`)).toBe(true);
    expect(Math.abs(shipped.reduce((a, x) => a + x.tonnesPerYear, 0) - hubIn)).toBeLessThan(1e-6 * hubIn);
    for (const x of shipped) expect(Math.abs(x.transportCostUsdPerYear - x.tonnesPerYear * lane.costUsdPerT)).toBeLessThan(1e-6 * x.transportCostUsdPerYear);
    const sold = r.siting.flows.filter((f) => f.echelon === "regional" && f.to === "umicore-hoboken");
    expect(sold.map((f) => f.material).sort()).toEqual(["cobalt", "copper", "gold", "nickel", "palladium", "silver"]);
    // it pays: Umicore's revenue exceeds the crossing and the Rotterdam centre's fixed cost
    const revenue = sold.reduce((a, f) => a + f.revenueUsdPerYear, 0);
    const rotterdam = r.siting.centres![0].fixedCostUsdPerYear;
    expect(revenue).toBeGreaterThan(hubIn * lane.costUsdPerT + rotterdam);
  }, 600_000);
});
