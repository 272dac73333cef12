// The day's pickup requests: the scenario's own, or consolidated collection points per zone
// carrying the zone's average daily supply (split so no request outgrows a vehicle).
import { DAY_STOP_SERVICE_S, type PickupRequest, pickupSetupS, type Scenario, unitsLoad, unitsTags, zoneDayStops } from "../domain/index.js";

/** A request with its load computed: [kg, m³]. */
export interface DayRequest {
  request: PickupRequest;
  load: [number, number];
  hazardous: boolean;
  /** Its tags and its streams' (for incompatibleTags), sorted. */
  tags: string[];
  /** Setup seconds: the request's own, else its zone's, else 0. */
  setupS: number;
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
    tags: unitsTags(scenario, request.units, request.tags),
    setupS: pickupSetupS(scenario, request),
  };
}

function scenarioDayRequests(scenario: Scenario, date: string, servedZones: ReadonlySet<string>): DayRequest[] {
  if (scenario.pickups) {
    return scenario.pickups.filter((p) => !p.date || p.date === date).map((p) => withLoad(scenario, p));
  }
  const out: DayRequest[] = [];
  for (const zone of scenario.zones) {
    if (zone.joinYear > 1 || !servedZones.has(zone.id)) continue;
    for (const stop of zoneDayStops(scenario, zone)) {
      const request: PickupRequest = {
        id: `day:${zone.id}${stop.suffix}`,
        location: zone.location,
        zoneId: zone.id,
        units: stop.units,
        date,
        timeWindows: [],
        serviceS: DAY_STOP_SERVICE_S,
        priority: 0,
        ...(zone.setupS !== undefined ? { setupS: zone.setupS } : {}),
      };
      out.push(withLoad(scenario, request));
    }
  }
  return out;
}
