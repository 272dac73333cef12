// Sweeps: settings checked against the scenario format; a four-price sweep on lebanon-tn, solved
// in parallel on the worker pool, gives the same rows as four separate solves at the same seed
// (eight lebanon-tn runs, each with its collection calibration: a longer timeout on a busy machine).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parseScenario, UrbanmineError } from "../../src/domain/index.js";
import { createPlanner, flattenKpis, parseSetting, runScenario, runSweep, sweepCsv, sweepVariants } from "../../src/pipeline/index.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const file = join(root, "datasets/lebanon-tn/scenario.json");
const base = parseScenario(JSON.parse(readFileSync(file, "utf8")));
const planner = createPlanner({ threads: 2 });
afterAll(() => planner.close());

function errorOf(f: () => unknown): UrbanmineError {
  try {
    f();
  } catch (err) {
    return err as UrbanmineError;
  }
  throw new Error("expected an error");
}

describe("sweep settings", () => {
  it("reads values as JSON where they parse and builds the cartesian product, first setting slowest", () => {
    const a = parseSetting("policy.co2PriceUsdPerT=0,50");
    const b = parseSetting("policy.maxHubs=1,2,3");
    expect(a.values).toEqual([0, 50]);
    const v = sweepVariants(base, [a, b]);
    expect(v.map((x) => [x.values["policy.co2PriceUsdPerT"], x.values["policy.maxHubs"]])).toEqual([[0, 1], [0, 2], [0, 3], [50, 1], [50, 2], [50, 3]]);
    expect(v.map((x) => [x.scenario.policy.co2PriceUsdPerT, x.scenario.policy.maxHubs])).toEqual([[0, 1], [0, 2], [0, 3], [50, 1], [50, 2], [50, 3]]);
    expect(base.policy.maxHubs).toBeUndefined(); // the base scenario is not touched
  });

  it("selects list items by id, index or * and leaves the others", () => {
    const gold = base.offtakers.flatMap((o) => o.accepts.filter((x) => x.material === "gold").map(() => o.id));
    expect(gold.length).toBeGreaterThan(0);
    const [v] = sweepVariants(base, [parseSetting(`offtakers[*].accepts[gold].priceUsdPerT=1234`)]);
    for (const o of v.scenario.offtakers)
      for (const x of o.accepts) expect(x.priceUsdPerT === 1234).toBe(x.material === "gold");
    const z = base.zones[3].id;
    const [w] = sweepVariants(base, [parseSetting(`zones[${z}].joinYear=2`), parseSetting("policy.horizonYears=2"), parseSetting("hubSites[0].variableCostUsdPerT=7")]);
    expect(w.scenario.zones.map((x) => x.joinYear)).toEqual(base.zones.map((x) => (x.id === z ? 2 : x.joinYear)));
    expect(w.scenario.hubSites.map((h) => h.variableCostUsdPerT)).toEqual(base.hubSites.map((h, i) => (i === 0 ? 7 : h.variableCostUsdPerT)));
  });

  it("names the path that is not a scenario field, the item that does not exist, the value out of range", () => {
    const e1 = errorOf(() => parseSetting("policy.co2Price=1"));
    expect(e1.code).toBe("INVALID_INPUT");
    expect(e1.message).toContain("'co2Price' is not a field of policy");
    expect(e1.issues[0].path).toBe("--set policy.co2Price");
    expect(errorOf(() => parseSetting("zones.location.lat.x=1")).message).toContain("'location' is not a field of zones");
    // a whole block is a field too; a value that is not a block fails when the variant is parsed
    expect(errorOf(() => sweepVariants(base, [parseSetting("policy=1")])).message).toContain("variant policy=1");
    expect(errorOf(() => sweepVariants(base, [parseSetting("zones[nowhere].joinYear=2")])).message).toContain("no item of the scenario matches");
    const e2 = errorOf(() => sweepVariants(base, [parseSetting("policy.co2PriceUsdPerT=0,-5")]));
    expect(e2.message).toContain("variant policy.co2PriceUsdPerT=-5");
    expect(e2.issues[0].path).toBe("policy.co2PriceUsdPerT");
    expect(errorOf(() => parseSetting("policy.co2PriceUsdPerT")).message).toContain("PATH=V1,V2");
  });
});

describe("sweep on lebanon-tn", () => {
  it("four CO2 prices solved on the pool match four separate solves at the same seed", async () => {
    const opts = { baseDir: dirname(file), seed: 1, routingIterations: 100, timeLimitS: 120 };
    const setting = parseSetting("policy.co2PriceUsdPerT=0,50,100,200");
    const table = await runSweep(planner, base, [setting], opts);
    expect(table.rows.map((r) => r.values["policy.co2PriceUsdPerT"])).toEqual([0, 50, 100, 200]);
    for (const [i, price] of [0, 50, 100, 200].entries()) {
      const plan = await runScenario({ ...base, policy: { ...base.policy, co2PriceUsdPerT: price } }, opts);
      const row = table.rows[i];
      expect(row.status).toBe("done");
      expect(row.hubs).toEqual(plan.siting.hubs.map((h) => `${h.siteId}:${h.sizeId}`).sort());
      expect(row.objectiveUsd).toBe(plan.siting.objectiveUsd);
      expect(row.kpis).toEqual(Object.fromEntries(flattenKpis(plan.kpis)));
    }
    // the price is charged: the CO2 cost term is price × emissions in every row
    for (const r of table.rows) expect(r.kpis["costUsdPerYear.co2"]).toBeCloseTo((r.values["policy.co2PriceUsdPerT"] as number) * r.kpis.co2TPerYear, 6);

    const lines = sweepCsv(table).trim().split("\r\n");
    expect(lines).toHaveLength(5);
    const header = lines[0].split(",");
    expect(header.slice(0, 6)).toEqual(["variant", "policy.co2PriceUsdPerT", "status", "sitingStatus", "objectiveUsd", "hubsOpen"]);
    const col = header.indexOf("netCostUsdPerYear");
    expect(lines.slice(1).map((l) => Number(l.split(",")[col]))).toEqual(table.rows.map((r) => r.kpis.netCostUsdPerYear));
  }, 600_000);

  it("keeps going when a variant is infeasible, with the reason in its row", async () => {
    const table = await runSweep(planner, base, [parseSetting("policy.coverageRadiusKm=5")], { baseDir: dirname(file), seed: 1, routingIterations: 50, timeLimitS: 60 });
    expect(table.rows[0].status).toBe("failed");
    expect(table.rows[0].error).toMatch(/^INFEASIBLE: .*coverage radius/);
  });
});
