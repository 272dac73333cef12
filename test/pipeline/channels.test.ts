// A whole run with all four collection channels: the plan shows, per zone, the channels it may be
// offered, which were chosen and why; the day's routes collect only the zones given curbside, each
// its curbside capture (available devices × capture rate ÷ working days). Needs the build.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario, Plan, type ScenarioInput, zoneAvailableUnitsPerYear } from "../../src/domain/index.js";
import { runScenario } from "../../src/pipeline/index.js";
import { formatSummary, summarizePlan } from "../../src/pipeline/summary.js";

const file = new URL("../fixtures/calibration-scenario.json", import.meta.url).pathname;
const OPTS = { baseDir: dirname(file), seed: 1, routingIterations: 200, timeLimitS: 300 };
const TRIP = { kgPerTrip: 3, co2KgPerKm: 0.249, dedicatedShare: 0.5, source: "test" };

function withChannels(): ScenarioInput {
  const s = JSON.parse(readFileSync(file, "utf8")) as ScenarioInput & { zones: Array<Record<string, unknown>> };
  // zone-2 and zone-13 are small and rural: no curbside is offered there
  for (const z of s.zones) if (z.id === "zone-2" || z.id === "zone-13") z.channels = ["drop-off", "mail-back", "event"];
  return {
    ...s,
    channels: {
      curbside: { captureRate: 0.3 },
      dropOff: {
        captureRate: 0.15,
        maxTripKm: 12,
        householdTrip: TRIP,
        sites: [
          { id: "library-5", location: { lat: 36.16, lon: -86.13 }, fixedCostUsdPerYear: 6000, capacityTPerYear: 80 },
          { id: "retail-12", location: { lat: 36.06, lon: -86.27 }, fixedCostUsdPerYear: 6000, capacityTPerYear: 80 },
        ],
      },
      mailBack: {
        captureRate: 0.1,
        parcelKg: 4,
        co2KgPerTKm: 0.1151,
        tariff: { weightBandsKg: [2.3, 4.5, 9.1], distanceZonesKm: [241, 483], priceUsd: [[11, 12], [12, 13.5], [14, 16]] },
      },
      event: { captureRate: 0.05, eventsPerYear: 2, costUsdPerEvent: 4000, tripKm: 5, householdTrip: TRIP },
      minCaptureRate: 0.4,
    },
  } as ScenarioInput;
}

describe("a run with collection channels", () => {
  it("chooses channels per zone with reasons, and routes only the curbside capture", async () => {
    const scenario = parseScenario(withChannels());
    const plan = await runScenario(scenario, OPTS);
    expect(() => Plan.parse(plan)).not.toThrow();
    const zones = plan.siting.channels!;
    expect(zones).toHaveLength(14);
    const kinds = new Set(zones.flatMap((z) => z.options.map((o) => o.channel)));
    expect([...kinds].sort()).toEqual(["curbside", "drop-off", "event", "mail-back"]);
    for (const z of zones) for (const o of z.options) expect(o.reason).not.toBe("");
    for (const id of ["zone-2", "zone-13"]) expect(zones.find((z) => z.zoneId === id)!.options.some((o) => o.channel === "curbside")).toBe(false);
    const available = scenario.zones.reduce((a, z) => a + Object.entries(zoneAvailableUnitsPerYear(scenario, z)).reduce((b, [k, n]) => b + (n * scenario.streams.find((s) => s.id === k)!.unitMassKg) / 1000, 0), 0);
    expect(plan.kpis.tonnesCollectedTotalPerYear).toBeGreaterThanOrEqual(0.4 * available * (1 - 1e-9));

    // the routed day: only zones whose curbside was chosen, each with its curbside tonnes ÷ days
    const curb = new Map(zones.flatMap((z) => z.options.filter((o) => o.chosen && o.channel === "curbside").map((o) => [z.zoneId, o.tonnesPerYear] as const)));
    const pickedKg = new Map<string, number>();
    for (const r of plan.routing.routes)
      for (let i = 1; i < r.steps.length; i++) {
        const st = r.steps[i];
        if (st.type !== "job") continue;
        // request ids are day:<zone>, then -hz for hazardous streams, then -<part> when split
        const zone = scenario.zones.map((z) => z.id).find((id) => new RegExp(`^day:${id}(-hz)?(-\\d+)?$`).test(st.id))!;
        pickedKg.set(zone, (pickedKg.get(zone) ?? 0) + st.loadKg - r.steps[i - 1].loadKg);
      }
    // `solve` prints each zone's chosen channels
    const printed = formatSummary(summarizePlan(plan));
    for (const z of zones) expect(printed).toMatch(new RegExp(`^${z.zoneId} .*${z.options.filter((o) => o.chosen).map((o) => o.channel).join(".*") || "none"}`, "m"));
    expect(curb.size).toBeGreaterThan(0);
    expect(pickedKg.size).toBeGreaterThan(0);
    const unserved = plan.routing.unassigned.map((u) => u.id);
    for (const zone of pickedKg.keys()) expect(curb.has(zone)).toBe(true);
    for (const [zone, t] of curb)
      if (!unserved.some((u) => u.startsWith(`day:${zone}`))) expect(Math.abs(pickedKg.get(zone)! - (t * 1000) / 250)).toBeLessThan(1e-6 * t * 1000);
  });
});
