// A plan as GeoJSON (hubs, zones, zone-to-hub assignment lines, hub-to-offtaker flows, routes)
// and as CSV tables (assignments, flows, hubs, routes). Zone and offtaker positions come from
// the scenario, since the plan names them by id only.
import type { Plan, Scenario } from "../../domain/index.js";
import { toCsv } from "./csv.js";
import { type FeatureCollection, type GeoJsonFeature, ROUTE_CSV_HEADER, routeCsvRows, routeFeatures } from "./routes-format.js";

function point(lat: number, lon: number): { type: "Point"; coordinates: number[] } {
  return { type: "Point", coordinates: [lon, lat] };
}

/** The plan as a GeoJSON FeatureCollection; each feature's `kind` says what it is. */
export function planGeoJson(plan: Plan, scenario: Scenario | undefined): FeatureCollection {
  const features: GeoJsonFeature[] = [];
  const hubAt = new Map(plan.siting.hubs.map((h) => [h.siteId, h.location]));
  const zoneAt = new Map((scenario?.zones ?? []).map((z) => [z.id, z]));
  const offtakerAt = new Map((scenario?.offtakers ?? []).map((o) => [o.id, o.location]));
  for (const h of plan.siting.hubs) {
    features.push({
      type: "Feature",
      geometry: point(h.location.lat, h.location.lon),
      properties: {
        kind: "hub", siteId: h.siteId, name: h.name, sizeId: h.sizeId, capacityTPerYear: h.capacityTPerYear,
        inflowTPerYear: h.inflowTPerYear, utilisation: h.utilisation, enterprises: h.enterprises, jobs: h.jobs,
      },
    });
  }
  for (const z of zoneAt.values()) {
    features.push({ type: "Feature", geometry: point(z.location.lat, z.location.lon), properties: { kind: "zone", zoneId: z.id, name: z.name } });
  }
  for (const a of plan.siting.assignments) {
    const from = zoneAt.get(a.zoneId)?.location;
    const to = hubAt.get(a.hubId);
    if (!from || !to) continue;
    features.push({
      type: "Feature",
      geometry: { type: "LineString", coordinates: [[from.lon, from.lat], [to.lon, to.lat]] },
      properties: { kind: "assignment", zoneId: a.zoneId, hubId: a.hubId, fraction: a.fraction, tonnesPerYear: a.tonnesPerYear, distanceKm: a.distanceKm },
    });
  }
  for (const f of plan.siting.flows) {
    const from = hubAt.get(f.hubId);
    const to = offtakerAt.get(f.to);
    if (!from || !to) continue;
    features.push({
      type: "Feature",
      geometry: { type: "LineString", coordinates: [[from.lon, from.lat], [to.lon, to.lat]] },
      properties: { kind: "flow", hubId: f.hubId, to: f.to, material: f.material, mode: f.mode, tonnesPerYear: f.tonnesPerYear, distanceKm: f.distanceKm },
    });
  }
  features.push(...routeFeatures(plan.routing));
  return { type: "FeatureCollection", features };
}

export type PlanTable = "assignments" | "flows" | "hubs" | "routes";

/** One table of the plan as CSV. */
export function planCsv(plan: Plan, table: PlanTable): string {
  switch (table) {
    case "assignments":
      return toCsv(
        ["zoneId", "hubId", "fraction", "tonnesPerYear", "distanceKm"],
        plan.siting.assignments.map((a) => [a.zoneId, a.hubId, a.fraction, a.tonnesPerYear, a.distanceKm]),
      );
    case "flows":
      return toCsv(
        ["hubId", "to", "material", "mode", "tonnesPerYear", "distanceKm", "revenueUsdPerYear", "transportCostUsdPerYear", "co2TPerYear"],
        plan.siting.flows.map((f) => [f.hubId, f.to, f.material, f.mode, f.tonnesPerYear, f.distanceKm, f.revenueUsdPerYear, f.transportCostUsdPerYear, f.co2TPerYear]),
      );
    case "hubs":
      return toCsv(
        ["siteId", "name", "lat", "lon", "sizeId", "capacityTPerYear", "fixedCostUsdPerYear", "inflowTPerYear", "utilisation", "openFromYear", "enterprises", "jobs"],
        plan.siting.hubs.map((h) => [
          h.siteId, h.name, h.location.lat, h.location.lon, h.sizeId, h.capacityTPerYear, h.fixedCostUsdPerYear,
          h.inflowTPerYear, h.utilisation, h.openFromYear, h.enterprises.join(" "), h.jobs,
        ]),
      );
    case "routes":
      return toCsv(ROUTE_CSV_HEADER, routeCsvRows(plan.routing, plan.scenarioId));
  }
}

/** Every numeric KPI as a dotted path (`costUsdPerYear.total`, `tonnesCollectedPerYear.laptop`). */
export function flattenKpis(value: unknown, prefix = "", out = new Map<string, number>()): Map<string, number> {
  if (typeof value === "number") out.set(prefix, value);
  // lists (the collection calibration's rounds) are history, not KPIs to compare
  else if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flattenKpis(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}
