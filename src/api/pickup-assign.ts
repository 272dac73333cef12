// Turns a pickup registration into a stored pickup: checks its streams against the scenario,
// finds its zone, and assigns it to a carrier and a service day with room left on that carrier's fleet.
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { type Carrier, checkPickup, describeIssues, insaneNumbers, LAST_DATE, LIMITS, type PickupRequest, type Scenario, unitsLoad, UrbanmineError } from "../domain/index.js";
import { haversineKm } from "../network/index.js";
import type { PickupRecord, Store } from "../storage/index.js";
import type { PickupRegistration } from "./schemas.js";

type Registration = z.infer<typeof PickupRegistration>;

/** Days searched after the preferred ones (or after today) before giving up. */
export const SEARCH_DAYS = 14;

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Fleet payload and volume a carrier can collect in one day (all vehicles, all trips). */
function dayCapacity(c: Carrier): { kg: number; m3: number } {
  let kg = 0;
  let m3 = 0;
  for (const v of c.vehicles) {
    kg += v.capacityKg * v.count * v.maxTrips;
    m3 += v.capacityM3 * v.count * v.maxTrips;
  }
  return { kg, m3 };
}

/** Mass and volume of the devices (streams already checked), and whether any stream is hazardous. */
function measureUnits(scenario: Scenario, units: Record<string, number>): { massKg: number; volumeM3: number; hazardous: boolean } {
  const [massKg, volumeM3] = unitsLoad(scenario, units);
  const hazardous = scenario.streams.some((st) => st.hazardous && (units[st.id] ?? 0) > 0);
  return { massKg, volumeM3, hazardous };
}

/**
 * Validates a registration against its scenario and stores it on the first day (preferred days
 * first, then the days after) on which a carrier able to serve it still has fleet capacity left.
 * Among carriers with room, the one with the most spare capacity (by share) takes it.
 * @param today YYYY-MM-DD; without preferred days the search starts the day after.
 * @throws UrbanmineError NOT_FOUND (scenario), INVALID_INPUT / UNKNOWN_REFERENCE (with JSON paths), CONFLICT (no room in the search window, or duplicate id).
 */
export async function registerPickup(store: Store, reg: Registration, today: string): Promise<PickupRecord> {
  const rec = await store.getScenario(reg.scenarioId);
  if (!rec) throw new UrbanmineError("NOT_FOUND", `no scenario '${reg.scenarioId}'`, [{ path: "scenarioId", message: "no such scenario" }]);
  const scenario = rec.scenario;
  checkRegistration(scenario, reg);
  const load = measureUnits(scenario, reg.units);
  let carriers = scenario.carriers;
  if (reg.carrierId) {
    carriers = carriers.filter((c) => c.id === reg.carrierId);
    if (carriers.length === 0) {
      throw new UrbanmineError("UNKNOWN_REFERENCE", `scenario '${scenario.id}' has no carrier '${reg.carrierId}'`, [
        { path: "carrierId", message: `unknown carrier (known: ${scenario.carriers.map((c) => c.id).join(", ")})` },
      ]);
    }
  }
  if (load.hazardous) carriers = carriers.filter((c) => c.vehicles.some((v) => v.hazardousCertified));
  if (carriers.length === 0) {
    throw new UrbanmineError("INVALID_INPUT", "the pickup holds hazardous devices and no carrier that may serve it has a certified vehicle", [
      { path: "units", message: "hazardous stream without a certified vehicle" },
    ]);
  }
  const preferred = [...new Set(reg.preferredDates ?? [])].sort();
  const start = preferred.length ? preferred[preferred.length - 1] : today;
  const days = [...preferred, ...Array.from({ length: SEARCH_DAYS }, (_, i) => addDays(start, i + 1))].filter((d) => d <= LAST_DATE);
  for (const date of days) {
    if ((await store.listPickups({ scenarioId: scenario.id, date })).length >= LIMITS.dayRequests) continue;
    let best: { carrier: Carrier; spare: number } | undefined;
    for (const carrier of carriers) {
      const cap = dayCapacity(carrier);
      const booked = await store.listPickups({ scenarioId: scenario.id, carrierId: carrier.id, date });
      const kg = booked.reduce((a, p) => a + p.massKg, 0) + load.massKg;
      const m3 = booked.reduce((a, p) => a + p.volumeM3, 0) + load.volumeM3;
      if (kg > cap.kg || m3 > cap.m3) continue;
      const spare = Math.min(1 - kg / cap.kg, 1 - m3 / cap.m3);
      if (!best || spare > best.spare) best = { carrier, spare };
    }
    if (best) {
      return store.createPickup(buildRecord(reg, scenario, best.carrier.id, date, load)).catch((err: unknown) => {
        if (err instanceof UrbanmineError && err.code === "CONFLICT") throw new UrbanmineError("CONFLICT", err.message, [{ path: "id", message: "already registered" }]);
        throw err;
      });
    }
  }
  throw new UrbanmineError(
    "CONFLICT",
    `no carrier of scenario '${scenario.id}' has room for ${load.massKg.toFixed(1)} kg on the preferred days or the ${SEARCH_DAYS} days after ${start}`,
    [{ path: "units", message: `${load.massKg.toFixed(1)} kg fits no carrier's remaining day capacity in the search window` }],
  );
}

/**
 * The checks a scenario's own pickups pass (streams, carrier, windows, service area), and an id
 * that no place of the scenario uses.
 * @throws UrbanmineError INVALID_INPUT, UNKNOWN_REFERENCE or CONFLICT, naming the pickup and each JSON path.
 */
function checkRegistration(scenario: Scenario, reg: Registration): void {
  const name = reg.id ? `pickup '${reg.id}'` : "the pickup";
  const issues = [...insaneNumbers(reg), ...checkPickup(scenario, reg, "")];
  if (issues.length) {
    const code = issues.some((i) => i.message.startsWith("unknown")) ? "UNKNOWN_REFERENCE" : "INVALID_INPUT";
    throw new UrbanmineError(code, describeIssues(`${name} is not valid`, issues), issues);
  }
  const places = [scenario.zones, scenario.hubSites, scenario.offtakers, scenario.terminals, scenario.pickups ?? [], ...scenario.carriers.map((c) => c.depots)];
  if (reg.id && places.some((list) => list.some((x) => x.id === reg.id))) {
    throw new UrbanmineError("CONFLICT", `${name}: the id is already used by a place of scenario '${scenario.id}'`, [{ path: "id", message: "already used by a place of the scenario" }]);
  }
}

function nearestZone(scenario: Scenario, at: { lat: number; lon: number }): string {
  let best = scenario.zones[0];
  let bestKm = Infinity;
  for (const z of scenario.zones) {
    const km = haversineKm(at, z.location);
    if (km < bestKm) (best = z), (bestKm = km);
  }
  return best.id;
}

function buildRecord(
  reg: Registration,
  scenario: Scenario,
  carrierId: string,
  date: string,
  load: { massKg: number; volumeM3: number },
): PickupRecord {
  const id = reg.id ?? `pk_${randomBytes(8).toString("hex")}`;
  const request: PickupRequest = {
    id,
    location: reg.location,
    zoneId: nearestZone(scenario, reg.location),
    units: reg.units,
    date,
    timeWindows: reg.timeWindows,
    serviceS: reg.serviceS,
    priority: reg.priority,
    carrierId,
  };
  return {
    id,
    scenarioId: scenario.id,
    carrierId,
    date,
    request,
    massKg: load.massKg,
    volumeM3: load.volumeM3,
    contactRef: reg.contactRef,
    createdAt: new Date().toISOString(),
  };
}
