// The day's pickup requests: the scenario's own, or consolidated collection points per zone
// carrying the zone's average daily supply (split so no request outgrows a vehicle).
import { type PickupRequest, requestParts, type Scenario, unitsLoad, zoneUnitsPerDay } from "../domain/index.js";

/** A request with its load computed: [kg, m³]. */
export interface DayRequest {
  request: PickupRequest;
  load: [number, number];
  hazardous: boolean;
}

/** Serving day: the policy's, else the first dated request's, else "typical-day". */
export function serviceDate(scenario: Scenario): string {
  return scenario.policy.serviceDate ?? scenario.pickups?.find((p) => p.date)?.date ?? "typical-day";
}

/**
 * Requests to route on `date`. Given pickups are kept when undated or dated `date`. Without
 * pickups, each zone served in year 1 (and in `servedZones`) yields its daily supply
 * (annual ÷ working days) as one or more requests at its collection point. `registered` requests
 * (pickups registered over HTTP for `date`) are routed beside either.
 */
export function dayRequests(scenario: Scenario, date: string, servedZones: ReadonlySet<string>, registered: PickupRequest[] = []): DayRequest[] {
  return [...scenarioDayRequests(scenario, date, servedZones), ...registered.filter((p) => p.date === date).map((p) => withLoad(scenario, p))];
}

function withLoad(scenario: Scenario, request: PickupRequest): DayRequest {
  const hazardous = new Set(scenario.streams.filter((s) => s.hazardous).map((s) => s.id));
  return {
    request,
    load: unitsLoad(scenario, request.units),
    hazardous: Object.entries(request.units).some(([k, n]) => n > 0 && hazardous.has(k)),
  };
}

function scenarioDayRequests(scenario: Scenario, date: string, servedZones: ReadonlySet<string>): DayRequest[] {
  const hazardous = new Set(scenario.streams.filter((s) => s.hazardous).map((s) => s.id));
  if (scenario.pickups) {
    return scenario.pickups.filter((p) => !p.date || p.date === date).map((p) => withLoad(scenario, p));
  }
  const out: DayRequest[] = [];
  for (const zone of scenario.zones) {
    if (zone.joinYear > 1 || !servedZones.has(zone.id)) continue;
    const perDay = zoneUnitsPerDay(scenario, zone);
    const [kg, m3] = unitsLoad(scenario, perDay);
    if (kg <= 0) continue;
    const parts = requestParts(scenario, kg, m3);
    // Hazardous streams travel apart: a certified vehicle collects them.
    const groups: Array<[string, Record<string, number>]> = [];
    const plain: Record<string, number> = {};
    const hazard: Record<string, number> = {};
    for (const [k, v] of Object.entries(perDay)) (hazardous.has(k) ? hazard : plain)[k] = v;
    groups.push(["", plain]);
    if (Object.values(hazard).some((v) => v > 0)) groups.push(["-hz", hazard]);
    for (const [suffix, units] of groups) {
      for (let p = 0; p < parts; p++) {
        const share: Record<string, number> = {};
        for (const [k, v] of Object.entries(units)) share[k] = v / parts;
        const id = `${zone.id}${suffix}${parts > 1 ? `-${p + 1}` : ""}`;
        const request: PickupRequest = {
          id: `day:${id}`,
          location: zone.location,
          zoneId: zone.id,
          units: share,
          date,
          timeWindows: [],
          serviceS: 600,
          priority: 0,
        };
        out.push(withLoad(scenario, request));
      }
    }
  }
  return out;
}
