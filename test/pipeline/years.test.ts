// A three-year plan read year by year: z2 joins in year 2, z3 (which only h2 reaches) in year 3,
// so h2 opens in year 3. Each year's assignments must agree in plan.json, the CSV tables and
// the GeoJSON, and no zone may ever be sent to a hub that is not open that year.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parseScenario, type Plan } from "../../src/domain/index.js";
import { planCsv, planGeoJson, runScenario } from "../../src/pipeline/index.js";

const file = fileURLToPath(new URL("../fixtures/three-year-scenario.json", import.meta.url));
const scenario = parseScenario(JSON.parse(readFileSync(file, "utf8")));
let plan: Plan;

beforeAll(async () => {
  plan = await runScenario(scenario, { baseDir: dirname(file), seed: 1, routingIterations: 100, timeLimitS: 60 });
});

/** "year zone hub" triples, sorted. */
const triples = (rows: Array<{ year: number; zoneId: string; hubId: string }>) => rows.map((r) => `${r.year} ${r.zoneId} ${r.hubId}`).sort();

function csvRows(text: string): Array<Record<string, string>> {
  const [head, ...lines] = text.trim().split("\r\n");
  const cols = head.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i], v])));
}

describe("a three-year plan", () => {
  it("lists every year's hubs and assignments: zones from their join year, h2 from year 3", () => {
    expect(plan.years?.map((y) => y.year)).toEqual([1, 2, 3]);
    const years = plan.years!;
    const joinYear = new Map(scenario.zones.map((z) => [z.id, z.joinYear]));
    for (const y of years) {
      const open = new Set(y.hubs.map((h) => h.siteId));
      for (const a of y.assignments) expect(open.has(a.hubId), `year ${y.year}: ${a.zoneId} → ${a.hubId}`).toBe(true);
      expect(y.assignments.map((a) => a.zoneId).sort()).toEqual(scenario.zones.filter((z) => z.joinYear <= y.year).map((z) => z.id).sort());
      for (const h of y.hubs) expect(h.openFromYear).toBeLessThanOrEqual(y.year);
      for (const a of y.assignments) expect(joinYear.get(a.zoneId)).toBeLessThanOrEqual(y.year);
    }
    expect(years.map((y) => y.hubs.map((h) => h.siteId).sort())).toEqual([["h1"], ["h1"], ["h1", "h2"]]);
    expect(years[2].hubs.find((h) => h.siteId === "h2")?.openFromYear).toBe(3);
    // the headline sections are the last year's
    expect(plan.siting.assignments).toEqual(years[2].assignments);
    expect(plan.siting.hubs).toEqual(years[2].hubs);
  });

  it("gives each year's figures: tonnes of the zones joined, revenue of its flows, net costs summing to the objective", () => {
    const zoneT = new Map(scenario.zones.map((z) => [z.id, Object.entries(z.unitsPerYear!).reduce((t, [s, n]) => t + (n * scenario.streams.find((x) => x.id === s)!.unitMassKg) / 1000, 0)]));
    for (const y of plan.years!) {
      const expected = scenario.zones.filter((z) => z.joinYear <= y.year).reduce((t, z) => t + zoneT.get(z.id)!, 0);
      expect(y.kpis.tonnesCollectedTotalPerYear).toBeCloseTo(expected, 9);
      expect(y.assignments.reduce((t, a) => t + a.tonnesPerYear, 0)).toBeCloseTo(expected, 9);
      for (const h of y.hubs)
        expect(h.inflowTPerYear).toBeCloseTo(y.assignments.filter((a) => a.hubId === h.siteId).reduce((t, a) => t + a.tonnesPerYear, 0), 9);
      expect(y.kpis.revenueUsdPerYear).toBeCloseTo(y.flows.reduce((t, f) => t + f.revenueUsdPerYear, 0), 6);
      expect(y.kpis.hubsOpened).toBe(y.hubs.length);
      expect(y.kpis.costUsdPerYear.hubFixed).toBeCloseTo(y.hubs.reduce((t, h) => t + h.fixedCostUsdPerYear, 0), 6);
    }
    const sum = plan.years!.reduce((t, y) => t + y.kpis.netCostUsdPerYear, 0);
    expect(sum).toBeCloseTo(plan.siting.objectiveUsd, 6);
    expect(plan.kpis.netCostUsdPerYear).toBeCloseTo(plan.years![2].kpis.netCostUsdPerYear, 9);
  });

  it("shows the same assignments per year in JSON, CSV and GeoJSON", () => {
    const json = triples(plan.years!.flatMap((y) => y.assignments.map((a) => ({ ...a, year: y.year }))));
    const csv = triples(csvRows(planCsv(plan, "assignments")).map((r) => ({ year: Number(r.year), zoneId: r.zoneId, hubId: r.hubId })));
    const features = planGeoJson(plan, scenario).features.map((f) => f.properties as Record<string, unknown>);
    const geo = triples(features.filter((p) => p.kind === "assignment") as Array<{ year: number; zoneId: string; hubId: string }>);
    expect(csv).toEqual(json);
    expect(geo).toEqual(json);
    expect(json).toEqual(["1 z1 h1", "2 z1 h1", "2 z2 h1", "3 z1 h1", "3 z2 h1", "3 z3 h2"]);

    // open hubs by year, from each format; no assignment to a hub not open in its year
    const openCsv = new Set(csvRows(planCsv(plan, "hubs")).map((r) => `${r.year} ${r.siteId}`));
    const openGeo = new Set(features.filter((p) => p.kind === "hub").map((p) => `${p.year} ${p.siteId}`));
    expect([...openCsv].sort()).toEqual([...openGeo].sort());
    for (const t of json) {
      const [year, , hub] = t.split(" ");
      expect(openCsv.has(`${year} ${hub}`), t).toBe(true);
    }
    const flowYears = new Set(csvRows(planCsv(plan, "flows")).map((r) => `${r.year} ${r.hubId}`));
    for (const f of flowYears) expect(openCsv.has(f), f).toBe(true);
  });
});
