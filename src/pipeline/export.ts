// A plan as files people open elsewhere: GeoJSON for maps (RFC 7946, [lon, lat]) and CSV tables.
import type { Plan, Scenario } from "../domain/index.js";

type Position = [number, number];
interface Feature {
  type: "Feature";
  geometry: { type: "Point"; coordinates: Position } | { type: "LineString"; coordinates: number[][] };
  properties: Record<string, string | number | boolean | string[]>;
}

/** Hubs, zones, zone→hub assignments, hub→offtaker flows and vehicle routes as one FeatureCollection. */
export function planToGeoJson(plan: Plan, scenario: Scenario): { type: "FeatureCollection"; features: Feature[] } {
  const pos = new Map<string, Position>();
  for (const z of scenario.zones) pos.set(z.id, [z.location.lon, z.location.lat]);
  for (const h of scenario.hubSites) pos.set(h.id, [h.location.lon, h.location.lat]);
  for (const o of scenario.offtakers) pos.set(o.id, [o.location.lon, o.location.lat]);
  const features: Feature[] = [];
  for (const h of plan.siting.hubs)
    features.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: [h.location.lon, h.location.lat] },
      properties: { kind: "hub", id: h.siteId, size: h.sizeId, capacityTPerYear: h.capacityTPerYear, inflowTPerYear: h.inflowTPerYear, enterprises: h.enterprises },
    });
  for (const z of scenario.zones)
    features.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: pos.get(z.id)! },
      properties: { kind: "zone", id: z.id, name: z.name ?? z.id },
    });
  for (const a of plan.siting.assignments)
    features.push({
      type: "Feature",
      geometry: { type: "LineString", coordinates: [pos.get(a.zoneId)!, pos.get(a.hubId)!] },
      properties: { kind: "assignment", zoneId: a.zoneId, hubId: a.hubId, tonnesPerYear: a.tonnesPerYear, fraction: a.fraction },
    });
  for (const f of plan.siting.flows) {
    const to = pos.get(f.to);
    if (!to) continue; // disposal has no place on the map
    features.push({
      type: "Feature",
      geometry: { type: "LineString", coordinates: [pos.get(f.hubId)!, to] },
      properties: { kind: "flow", hubId: f.hubId, to: f.to, material: f.material, mode: f.mode, tonnesPerYear: f.tonnesPerYear },
    });
  }
  for (const r of plan.routing.routes)
    features.push({
      type: "Feature",
      geometry: r.geometry,
      properties: {
        kind: "route",
        vehicleId: r.vehicleId,
        carrierId: r.carrierId,
        date: plan.routing.date,
        stops: r.steps.filter((s) => s.type === "job").length,
        distanceKm: r.distanceKm,
        costUsd: r.costUsd,
        co2Kg: r.co2Kg,
      },
    });
  return { type: "FeatureCollection", features };
}

/** RFC 4180 CSV of rows of plain values. */
export function toCsv(header: string[], rows: Array<Array<string | number>>): string {
  const cell = (v: string | number) => {
    const s = typeof v === "number" ? String(Math.round(v * 1e6) / 1e6) : v;
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\n") + "\n";
}

export function assignmentsCsv(plan: Plan): string {
  return toCsv(
    ["zone_id", "hub_id", "fraction", "tonnes_per_year", "distance_km"],
    plan.siting.assignments.map((a) => [a.zoneId, a.hubId, a.fraction, a.tonnesPerYear, a.distanceKm]),
  );
}

export function flowsCsv(plan: Plan): string {
  return toCsv(
    ["hub_id", "to", "material", "mode", "tonnes_per_year", "distance_km", "revenue_usd_per_year", "transport_cost_usd_per_year", "co2_t_per_year"],
    plan.siting.flows.map((f) => [f.hubId, f.to, f.material, f.mode, f.tonnesPerYear, f.distanceKm, f.revenueUsdPerYear, f.transportCostUsdPerYear, f.co2TPerYear]),
  );
}

/** One row per stop of every route of the day. */
export function routesCsv(routing: Plan["routing"]): string {
  const rows: Array<Array<string | number>> = [];
  for (const r of routing.routes)
    r.steps.forEach((s, i) =>
      rows.push([routing.date, r.carrierId, r.vehicleId, i, s.type, s.id, s.location.lat, s.location.lon, s.arrival, s.waitingS, s.departureS, s.loadKg, s.loadM3, s.distanceKm]),
    );
  return toCsv(
    ["date", "carrier_id", "vehicle_id", "seq", "type", "id", "lat", "lon", "arrival", "waiting_s", "departure_s", "load_kg", "load_m3", "distance_km"],
    rows,
  );
}
