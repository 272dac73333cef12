// Route-based collection cost per (zone, hub): what the carriers' vehicles would spend each year
// collecting the zone's average day for that hub, by a continuous approximation of the routes
// (stem trips hub ↔ zone shared by the visits of one route, a local leg between neighbouring
// zones, service and unload times, the routing engine's cost formula). See docs/siting-model.md.
import {
  clockToSeconds,
  DAY_STOP_SERVICE_S,
  HUB_UNLOAD_S,
  type Scenario,
  type TravelMatrix,
  unitsLoad,
  type VehicleType,
  zoneDayStops,
} from "../domain/index.js";

/**
 * Beardwood–Halton–Hammersley constant of the Euclidean travelling-salesman tour, L ≈ β √(nA)
 * (β ≈ 0.7124, Percus & Martin 1996; Applegate, Bixby, Chvátal & Cook 2006). For a Poisson
 * pattern of density δ the mean distances to the first and second nearest neighbours are
 * 0.5 δ^-½ and 0.75 δ^-½, so a tour edge ≈ (β / 0.625) × their mean: the local leg below,
 * measured on the road matrix so it carries the network's circuity.
 */
export const BHH_BETA = 0.7124;
const LEG_PER_MEAN_NN = BHH_BETA / 0.625;

/** A zone's yearly collection cost and CO2 when served by one hub, unscaled. */
export interface ZoneCollection {
  usdPerYear: number;
  co2KgPerYear: number;
  /** Vehicle type the estimate priced (the cheapest one able to take every stop of the zone). */
  vehicle: string;
  /** Zone visits one route makes (continuous, ≥ 1). */
  visitsPerRoute: number;
}

interface ZoneDay {
  kg: number;
  m3: number;
  stops: number;
  hazardous: boolean;
  legKm: number;
  legS: number;
}

/**
 * Yearly collection cost and CO2 of each zone z for each hub h: `cost(z, h)`; zones without
 * supply cost 0. `road` must list every zone and hub site.
 */
export function routeCollectionCosts(scenario: Scenario, road: TravelMatrix, index: ReadonlyMap<string, number>): (zone: number, hub: number) => ZoneCollection {
  const n = road.ids.length;
  const days = scenario.policy.workingDaysPerYear;
  const zoneIdx = scenario.zones.map((z) => index.get(z.id)!);
  const zoneDays: ZoneDay[] = scenario.zones.map((zone) => {
    const stops = zoneDayStops(scenario, zone);
    let kg = 0;
    let m3 = 0;
    for (const s of stops) {
      const [a, b] = unitsLoad(scenario, s.units);
      kg += a;
      m3 += b;
    }
    return { kg, m3, stops: stops.length, hazardous: stops.some((s) => s.hazardous), legKm: 0, legS: 0 };
  });
  const active = zoneDays.map((d, i) => (d.stops > 0 ? i : -1)).filter((i) => i >= 0);
  for (const zi of active) {
    const from = zoneIdx[zi];
    const near = active
      .filter((o) => o !== zi && Number.isFinite(road.distanceKm[from * n + zoneIdx[o]]))
      .map((o) => from * n + zoneIdx[o])
      .sort((a, b) => road.distanceKm[a] - road.distanceKm[b])
      .slice(0, 2);
    if (near.length === 0) continue;
    zoneDays[zi].legKm = (LEG_PER_MEAN_NN * near.reduce((t, k) => t + road.distanceKm[k], 0)) / near.length;
    zoneDays[zi].legS = (LEG_PER_MEAN_NN * near.reduce((t, k) => t + road.durationS[k], 0)) / near.length;
  }
  // Where each vehicle type starts and ends its shift: its depot when the matrix lists it (the
  // pipeline's does), else the hub; without an end depot the routing engine ends at a hub.
  const vehicles = scenario.carriers.flatMap((c) =>
    c.vehicles.map((v) => ({ v, start: index.get(v.startDepot ?? c.depots[0]?.id ?? ""), end: v.endDepot === undefined ? undefined : index.get(v.endDepot) })),
  );
  const certified = vehicles.filter((x) => x.v.hazardousCertified);

  return (zone, hub) => {
    const d = zoneDays[zone];
    if (d.stops === 0) return { usdPerYear: 0, co2KgPerYear: 0, vehicle: "", visitsPerRoute: 1 };
    const z = zoneIdx[zone];
    const h = index.get(scenario.hubSites[hub].id)!;
    const eligible = d.hazardous && certified.length > 0 ? certified : vehicles;
    let best: ZoneCollection | null = null;
    for (const { v, start, end } of eligible) {
      const a = (start ?? h) * n + z;
      const b = z * n + (end ?? h);
      const stem = { km: road.distanceKm[a] + road.distanceKm[b], s: road.durationS[a] + road.durationS[b] };
      if (!Number.isFinite(stem.km)) continue;
      const visit = perVisit(v, d, stem, active.length);
      const usd = visit.usd * days;
      if (!best || usd < best.usdPerYear) best = { usdPerYear: usd, co2KgPerYear: visit.co2Kg * days, vehicle: v.id, visitsPerRoute: visit.visits };
    }
    return best ?? { usdPerYear: Infinity, co2KgPerYear: Infinity, vehicle: "", visitsPerRoute: 1 };
  };
}

/**
 * One visit's share of a route of vehicle type `v` that leaves its depot (or the hub), visits
 * `visits` zones like this one and ends at the hub (or its end depot): visits limited by the shift, the payload and volume, and the
 * number of zones there are. Route cost as the routing engine prices it (src/vrp/route-cost.ts):
 * fixed + per stop + per km + per paid hour (at least the minimum paid shift).
 */
function perVisit(v: VehicleType, d: ZoneDay, stem: { km: number; s: number }, zones: number): { usd: number; co2Kg: number; visits: number } {
  const shiftS = clockToSeconds(v.shift.end) - clockToSeconds(v.shift.start);
  const stemS = stem.s / v.speedFactor;
  const visitS = d.stops * DAY_STOP_SERVICE_S + d.legS / v.speedFactor;
  const byTime = (shiftS - stemS - HUB_UNLOAD_S) / visitS;
  const byLoad = Math.min(d.kg > 0 ? v.capacityKg / d.kg : Infinity, d.m3 > 0 ? v.capacityM3 / d.m3 : Infinity);
  const visits = Math.max(1, Math.min(byTime, byLoad, zones));
  const routeKm = stem.km + visits * d.legKm;
  const routeS = stemS + HUB_UNLOAD_S + visits * visitS;
  const paidS = Math.max(routeS, v.minPaidHours * 3600);
  const usd = v.fixedCostUsdPerDay + v.costUsdPerStop * visits * d.stops + v.costUsdPerKm * routeKm + (v.costUsdPerHour * paidS) / 3600;
  return { usd: usd / visits, co2Kg: (v.co2KgPerKm * routeKm) / visits, visits };
}
