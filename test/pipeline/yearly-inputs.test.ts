// Inputs that change by year, on the three-year test town: a zone's supply as a series, a price
// as a series, a hub that grows to a larger size, a disposal limit. Each year's figures are
// recomputed here from the scenario and the plan's own years[].
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseScenario, type Plan, type ScenarioInput, UrbanmineError } from "../../src/domain/index.js";
import { runScenario } from "../../src/pipeline/index.js";

const file = fileURLToPath(new URL("../fixtures/three-year-scenario.json", import.meta.url));
const input = JSON.parse(readFileSync(file, "utf8")) as ScenarioInput & Record<string, any>;
const solve = (s: unknown): Promise<Plan> => runScenario(parseScenario(s), { baseDir: dirname(file), seed: 1, routingIterations: 50, timeLimitS: 60 });
const clone = (): any => structuredClone(input);

/** z1 supplies 1×, 2×, 0.5× its units in years 1-3: h1 small (60 t) holds z1+z2 in years 1 and 3 only. */
function growing(allowExpansion: boolean): any {
  const s = clone();
  s.zones[0].supplyFactorByYear = [1, 2, 0.5];
  s.policy.allowExpansion = allowExpansion;
  return s;
}

const zoneT = (s: any, i: number): number => (s.zones[i].unitsPerYear.laptop * 1.6 + (s.zones[i].unitsPerYear["li-battery"] ?? 0) * 0.5) / 1000;

describe("yearly inputs", () => {
  it("scales a zone's supply by its series each year, and a hub grows to a larger size when allowed", async () => {
    const s = growing(true);
    const plan = await solve(s);
    const years = plan.years!;
    years.forEach((y, t) => {
      const z1 = y.assignments.find((a) => a.zoneId === "z1")!;
      expect(z1.tonnesPerYear).toBeCloseTo(zoneT(s, 0) * [1, 2, 0.5][t], 9);
      const expected = s.zones.reduce((a: number, z: any, i: number) => a + ((z.joinYear ?? 1) <= t + 1 ? zoneT(s, i) * (i === 0 ? [1, 2, 0.5][t] : 1) : 0), 0);
      expect(y.kpis.tonnesCollectedTotalPerYear).toBeCloseTo(expected, 9);
      for (const h of y.hubs) expect(h.inflowTPerYear).toBeLessThanOrEqual(h.capacityTPerYear + 1e-9);
    });
    // 93 t in year 2 does not fit the small size (60 t): h1 grows then, and never shrinks back
    expect(years.map((y) => y.hubs.find((h) => h.siteId === "h1")!.sizeId)).toEqual(["small", "large", "large"]);
    expect(years.reduce((a, y) => a + y.kpis.netCostUsdPerYear, 0)).toBeCloseTo(plan.siting.objectiveUsd, 6);

    // without expansion the hub must be large from the start, which costs more
    const fixed = await solve(growing(false));
    expect(fixed.years!.map((y) => y.hubs.find((h) => h.siteId === "h1")!.sizeId)).toEqual(["large", "large", "large"]);
    expect(fixed.siting.objectiveUsd).toBeGreaterThan(plan.siting.objectiveUsd);
  });

  it("prices each year's sales at that year's price", async () => {
    const s = clone();
    s.offtakers[0].accepts[0].priceUsdPerTByYear = [5000, 9000, 2000]; // copper
    const plan = await solve(s);
    plan.years!.forEach((y, t) => {
      const copper = y.flows.filter((f) => f.material === "copper" && f.to === "smelter");
      expect(copper.length).toBeGreaterThan(0);
      for (const f of copper) expect(f.revenueUsdPerYear).toBeCloseTo(f.tonnesPerYear * [5000, 9000, 2000][t], 6);
      expect(y.kpis.revenueUsdPerYear).toBeCloseTo(y.flows.reduce((a, f) => a + f.revenueUsdPerYear, 0), 6);
    });
  });

  it("keeps disposal within its limit, and names the limit when nothing else can take the material", async () => {
    const s = clone();
    s.offtakers[0].accepts = s.offtakers[0].accepts.filter((a: any) => a.material !== "aluminium"); // aluminium: disposal only
    const free = await solve(s);
    const disposed = (p: Plan) => p.years!.map((y) => y.flows.filter((f) => f.to === "disposal").reduce((a, f) => a + f.tonnesPerYear, 0));
    const most = Math.max(...disposed(free));
    expect(most).toBeGreaterThan(0);
    s.policy.disposalLimitTPerYear = most * 0.5;
    const err = await solve(s).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UrbanmineError);
    expect((err as UrbanmineError).code).toBe("INFEASIBLE");
    expect((err as UrbanmineError).message).toContain("disposal limit");
    s.policy.disposalLimitTPerYear = most * 1.01;
    for (const t of disposed(await solve(s))) expect(t).toBeLessThanOrEqual(most * 1.01 + 1e-9);
  });

  it("names a series longer than the horizon", () => {
    const s = clone();
    s.zones[1].supplyFactorByYear = [1, 1, 1, 1];
    const err = (() => {
      try {
        parseScenario(s);
      } catch (e) {
        return e as UrbanmineError;
      }
    })();
    expect(err?.issues[0].path).toBe("zones[1].supplyFactorByYear");
    expect(err?.message).toContain("more than the 3-year horizon");
  });
});
