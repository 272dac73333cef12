// Siting's route-based collection cost against the plan's own routes: the yearly estimate the
// siting model optimised must agree with the routed typical day × working days, both recomputed
// here from the routes' steps and the scenario's vehicle figures (not read from the solvers'
// totals); the CO2 KPI and a CO2 cap count the collection routes. Needs the build.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { type Plan, parseScenario, PROCESS_STEPS, type Scenario, zoneUnitsPerYear } from "../../src/domain/index.js";
import { dayRequests, serviceDate } from "../../src/pipeline/day-pickups.js";
import { runScenario } from "../../src/pipeline/index.js";
import { checkPlanRoutes } from "./plan-check.js";

const file = new URL("../fixtures/calibration-scenario.json", import.meta.url).pathname;
const load = (): Scenario => parseScenario(JSON.parse(readFileSync(file, "utf8")));
const OPTS = { baseDir: dirname(file), seed: 1, routingIterations: 300, timeLimitS: 300 };

const R = 6371.0088;
function greatCircleKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/** The routed day's cost and CO2 from the steps: km from the stops' places, the vehicles' own figures. */
function routedDay(plan: Plan, s: Scenario): { usd: number; co2Kg: number } {
  const circuity = s.network?.circuityFactor ?? 1.2;
  const types = new Map(s.carriers.flatMap((c) => c.vehicles.flatMap((v) => Array.from({ length: v.count }, (_, k) => [v.count > 1 ? `${v.id}-${k + 1}` : v.id, v] as const))));
  let usd = 0;
  let co2Kg = 0;
  for (const r of plan.routing.routes) {
    const v = types.get(r.vehicleId)!;
    let km = 0;
    for (let i = 1; i < r.steps.length; i++) km += greatCircleKm(r.steps[i - 1].location, r.steps[i].location) * circuity;
    // the haversine radius may differ from the network module's by a few metres per 1,000 km
    expect(Math.abs(km - r.distanceKm)).toBeLessThan(1e-3 * Math.max(1, km));
    const durationS = r.steps[r.steps.length - 1].departureS - r.steps[0].arrivalS;
    const jobs = r.steps.filter((x) => x.type === "job").length;
    const paidS = Math.max(durationS, v.minPaidHours * 3600);
    usd += v.fixedCostUsdPerDay + v.costUsdPerStop * jobs + v.costUsdPerKm * km + (v.costUsdPerHour * paidS) / 3600;
    co2Kg += v.co2KgPerKm * km;
  }
  return { usd, co2Kg };
}

/** CO2 of the plan other than collection: line haul (flows) and process steps at the hubs' loads. */
function otherCo2T(plan: Plan, s: Scenario): number {
  const lineHaul = plan.siting.flows.reduce((a, f) => a + f.co2TPerYear, 0);
  let processKg = 0;
  for (const a of plan.siting.assignments) {
    const zone = s.zones.find((z) => z.id === a.zoneId)!;
    const units = zoneUnitsPerYear(s, zone);
    for (const st of s.streams) {
      const tonnes = ((units[st.id] ?? 0) * st.unitMassKg * a.fraction) / 1000;
      for (const step of st.processSteps ?? ["sorting"]) processKg += tonnes * (s.processing?.steps[step as (typeof PROCESS_STEPS)[number]]?.co2KgPerT ?? 0);
    }
  }
  return lineHaul + processKg / 1000;
}

describe("collection priced by routes", () => {
  it("agrees with the routed day × working days within 20%, and the CO2 KPI counts the routes", async () => {
    const s = load();
    const plan = await runScenario(s, OPTS);
    const served = new Set(plan.siting.assignments.map((a) => a.zoneId));
    expect(checkPlanRoutes(plan, s, dayRequests(s, serviceDate(s), served).map((x) => x.request.id))).toEqual([]);
    expect(plan.routing.unassigned).toEqual([]);
    const days = s.policy.workingDaysPerYear;
    const day = routedDay(plan, s);
    const estimate = plan.kpis.costUsdPerYear.collectionTransport;
    expect(plan.siting.assignments.reduce((a, x) => a + (x.collectionUsdPerYear ?? 0), 0)).toBeCloseTo(estimate, 6);
    expect(Math.abs(estimate / (day.usd * days) - 1)).toBeLessThanOrEqual(0.2);
    // the reported reconciliation is the same comparison
    expect(plan.kpis.collection?.routedUsdPerYear).toBeCloseTo(day.usd * days, 3);
    expect(plan.kpis.collection?.rounds).toBeLessThanOrEqual(5);

    const collectionCo2T = plan.kpis.co2TPerYear - otherCo2T(plan, s);
    expect(Math.abs(collectionCo2T / ((day.co2Kg * days) / 1000) - 1)).toBeLessThanOrEqual(0.2);
    expect(collectionCo2T).toBeGreaterThan(0.5 * plan.kpis.co2TPerYear);

    // recovered = sold to offtakers; what goes to disposal is reported apart, never as recovered
    for (const m of s.materials) {
      const flows = plan.siting.flows.filter((f) => f.material === m.id);
      const sold = flows.filter((f) => f.to !== "disposal").reduce((a, f) => a + f.tonnesPerYear, 0);
      const disposed = flows.filter((f) => f.to === "disposal").reduce((a, f) => a + f.tonnesPerYear, 0);
      expect(Math.abs(plan.kpis.materialRecoveredKgPerYear[m.id] - sold * 1000)).toBeLessThanOrEqual(1e-6 * Math.max(1, sold * 1000));
      expect(Math.abs((plan.kpis.materialDisposedKgPerYear?.[m.id] ?? 0) - disposed * 1000)).toBeLessThanOrEqual(1e-6 * Math.max(1, disposed * 1000));
    }
    expect(plan.siting.flows.some((f) => f.to === "disposal")).toBe(true);
  }, 600_000);

  it("a CO2 cap that line haul and processing alone meet binds once the routes count", async () => {
    const s = load();
    const free = await runScenario(s, OPTS);
    const other = otherCo2T(free, s);
    const cap = free.kpis.co2TPerYear - 1;
    expect(other).toBeLessThan(cap / 5);
    const capped = await runScenario({ ...s, policy: { ...s.policy, co2CapTPerYear: cap } }, OPTS);
    expect(capped.kpis.co2TPerYear).toBeLessThanOrEqual(cap * (1 + 1e-6));
    // the cap is what limits the plan: it sits on it, and meeting it costs money
    expect(capped.kpis.co2TPerYear).toBeGreaterThan(cap - 0.05);
    expect(capped.kpis.netCostUsdPerYear).toBeGreaterThan(free.kpis.netCostUsdPerYear);
    // and its CO2 still includes collection as routed
    const day = routedDay(capped, s);
    const collectionCo2T = capped.kpis.co2TPerYear - otherCo2T(capped, s);
    expect(Math.abs(collectionCo2T / ((day.co2Kg * s.policy.workingDaysPerYear) / 1000) - 1)).toBeLessThanOrEqual(0.2);

    const tooLow = { ...s, policy: { ...s.policy, co2CapTPerYear: other + 1 } };
    await expect(runScenario(tooLow, OPTS)).rejects.toMatchObject({ code: "INFEASIBLE", message: expect.stringContaining("emissions cap") });
  }, 900_000);
});
