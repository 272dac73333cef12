// A plan with a drop-off point and a regional centre, exported: drop-offs.csv, centres.csv and
// shipments.csv (hub → centre by stream, centre → offtaker by material) and their GeoJSON
// features carry what the plan says, at the plan's own positions. Needs the build (whole run).
import { dirname } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/domain/index.js";
import { scenarioInput } from "../fixtures/echelons.js";
import { echelonTablesOf, planCsv, planGeoJson, runScenario } from "../../src/pipeline/index.js";

const rows = (csv: string): Array<Record<string, string>> => parse(csv, { columns: true });

describe("drop-off points, regional centres and shipments exported", () => {
  it("as CSV tables and GeoJSON features matching the plan", async () => {
    const scenario = parseScenario(scenarioInput());
    const plan = await runScenario(scenario, { baseDir: dirname(import.meta.filename), seed: 1, routingIterations: 50, timeLimitS: 60 });
    expect(echelonTablesOf(plan)).toEqual(["drop-offs", "centres", "shipments"]);

    const [point] = rows(planCsv(plan, "drop-offs"));
    const dropT = plan.siting.channels!.find((z) => z.zoneId === "Z2")!.options.find((o) => o.chosen && o.channel === "drop-off")!.tonnesPerYear;
    expect(point).toMatchObject({ id: "P", name: "library", lat: "36.29", lon: "-86.11", capacityTPerYear: "50", fixedCostUsdPerYear: "100", zones: "Z2", year: "1" });
    // Z2's 40 t a year, 0.2 of it at the point
    expect(Number(point.tonnesPerYear)).toBeCloseTo(0.2 * 40, 9);
    expect(Number(point.tonnesPerYear)).toBeCloseTo(dropT, 9);
    expect(Number(point.utilisation)).toBeCloseTo(8 / 50, 9);

    const [centre] = rows(planCsv(plan, "centres"));
    expect(centre).toMatchObject({ siteId: "C", name: "Memphis centre", sizeId: "only", capacityTPerYear: "500" });

    const legs = rows(planCsv(plan, "shipments"));
    const inbound = legs.filter((l) => l.leg === "hub-centre");
    const outbound = legs.filter((l) => l.leg === "centre-offtaker");
    expect(inbound.map((l) => [l.from, l.to, l.stream, l.mode])).toEqual([["A", "C", "laptop", "road"]]);
    expect(outbound.map((l) => [l.from, l.to, l.material])).toEqual([["C", "O", "copper"]]);
    // everything the hub receives goes on to C; a quarter of it (0.5 of 2 kg) is copper sold to O
    const hubIn = plan.siting.hubs.find((h) => h.siteId === "A")!.inflowTPerYear;
    expect(Number(inbound[0].tonnesPerYear)).toBeCloseTo(hubIn, 6);
    expect(Number(outbound[0].tonnesPerYear)).toBeCloseTo(hubIn / 4, 6);
    expect(Number(outbound[0].revenueUsdPerYear)).toBeCloseTo((hubIn / 4) * 6000, 3);

    const features = planGeoJson(plan, scenario).features;
    const kind = (k: string) => features.filter((f) => f.properties.kind === k);
    expect(kind("drop-off").map((f) => f.geometry.coordinates)).toEqual([[-86.11, 36.29]]);
    expect(kind("centre").map((f) => f.geometry.coordinates)).toEqual([[-90.05, 35.15]]);
    expect(kind("shipment").map((f) => f.geometry.coordinates)).toEqual([[[-86.29, 36.21], [-90.05, 35.15]]]);
    expect(kind("centre-flow").map((f) => f.geometry.coordinates)).toEqual([[[-90.05, 35.15], [-90.0, 35.1]]]);
    expect(kind("shipment")[0].properties).toMatchObject({ from: "A", to: "C", stream: "laptop", mode: "road" });
  }, 300_000);

  it("a plan without them has header-only tables and none to write", async () => {
    const input = scenarioInput() as unknown as Record<string, unknown>;
    delete input.regional;
    delete input.channels;
    (input.zones as Array<Record<string, unknown>>)[1].minCaptureRate = undefined;
    (input.streams as Array<Record<string, unknown>>)[0].processSteps = ["sorting"];
    const plan = await runScenario(parseScenario(input), { baseDir: ".", seed: 1, routingIterations: 50, timeLimitS: 60 });
    expect(echelonTablesOf(plan)).toEqual([]);
    expect(planCsv(plan, "shipments").trim()).toBe("leg,from,to,stream,material,mode,via,tonnesPerYear,distanceKm,transportCostUsdPerYear,revenueUsdPerYear,co2TPerYear,year");
  }, 300_000);
});
