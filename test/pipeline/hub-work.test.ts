// Who does what at a hub, on a lebanon-tn plan: every step's tonnes recomputed here from the zones
// assigned to the hub and the streams' process steps; in-house + bought outside = through; the
// enterprises' shares add up to the in-house tonnes and stay within their throughput.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parseScenario, type Plan } from "../../src/domain/index.js";
import { zoneUnitsPerYear } from "../../src/domain/index.js";
import { runScenario } from "../../src/pipeline/index.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const file = join(root, "datasets/lebanon-tn/scenario.json");
const scenario = parseScenario(JSON.parse(readFileSync(file, "utf8")));
let plan: Plan;

beforeAll(async () => {
  plan = await runScenario(scenario, { baseDir: dirname(file), seed: 1, routingIterations: 50, timeLimitS: 120 });
});

describe("hub work", () => {
  it("splits every step's tonnes at each hub into in-house (by enterprise) and bought outside", () => {
    const work = plan.hubWork!;
    expect(work.length).toBeGreaterThan(0);
    for (const h of plan.siting.hubs) {
      // tonnes through each step, from the zones this hub serves
      const through = new Map<string, number>();
      for (const a of plan.siting.assignments.filter((x) => x.hubId === h.siteId)) {
        const zone = scenario.zones.find((z) => z.id === a.zoneId)!;
        for (const [sid, units] of Object.entries(zoneUnitsPerYear(scenario, zone))) {
          const st = scenario.streams.find((x) => x.id === sid)!;
          for (const step of st.processSteps ?? ["sorting"]) through.set(step, (through.get(step) ?? 0) + (units * st.unitMassKg * a.fraction) / 1000);
        }
      }
      const rows = work.filter((r) => r.hubId === h.siteId);
      expect(rows.map((r) => r.step).sort()).toEqual([...through.keys()].filter((k) => through.get(k)! > 0).sort());
      for (const r of rows) {
        expect(r.throughTPerYear).toBeCloseTo(through.get(r.step)!, 6);
        expect(r.inHouseTPerYear + r.boughtOutsideTPerYear).toBeCloseTo(r.throughTPerYear, 9);
        expect(r.inHouseTPerYear).toBeGreaterThanOrEqual(0);
        expect(r.boughtOutsideTPerYear).toBeGreaterThanOrEqual(-1e-9);
        const placedHere = scenario.enterprises.filter((e) => h.enterprises.includes(e.id) && e.processStep === r.step);
        expect(r.enterprises.map((e) => e.enterpriseId).sort()).toEqual(placedHere.map((e) => e.id).sort());
        if (r.doneBy === "enterprises") {
          expect(r.enterprises.reduce((a, e) => a + e.tonnesPerYear, 0)).toBeCloseTo(r.inHouseTPerYear, 9);
          expect(r.inHouseTPerYear).toBeLessThanOrEqual(placedHere.reduce((a, e) => a + e.throughputTPerYear, 0) + 1e-6);
        }
        for (const e of r.enterprises) {
          expect(e.utilisation).toBeCloseTo(e.tonnesPerYear / e.throughputTPerYear, 12);
          expect(e.utilisation).toBeLessThanOrEqual(1 + 1e-9);
        }
      }
    }
    // some work is done in-house by the enterprises the plan places (they are cheaper than outside)
    expect(work.some((r) => r.doneBy === "enterprises" && r.inHouseTPerYear > 0)).toBe(true);
  });
});
