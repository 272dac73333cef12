// A plan as GeoJSON (hubs, zones, zone-to-hub assignment lines, hub-to-offtaker flows, routes,
// and from echelon-format.ts drop-off points, regional centres and the legs between echelons)
// and as CSV tables (assignments, flows, hubs, routes; drop-offs, centres, shipments). Zone and offtaker positions come from
// the scenario, since the plan names them by id only.
import type { Plan, PlanYear, Scenario } from "../../domain/index.js";
import { toCsv } from "./csv.js";
import { type EchelonTable, echelonCsv, echelonFeatures } from "./echelon-format.js";
import { type FeatureCollection, type GeoJsonFeature, ROUTE_CSV_HEADER, routeCsvRows, routeFeatures, usesNetworkFile, withAttribution } from "./routes-format.js";

function point(lat: number, lon: number): { type: "Point"; coordinates: number[] } {
  return { type: "Point", coordinates: [lon, lat] };
}

/** The plan's years: its `years` section, or (one-year plans) the siting section as year 1. */
function planYears(plan: Plan): Array<Pick<PlanYear, "year" | "hubs" | "assignments" | "flows">> {
  return plan.years ?? [{ year: 1, hubs: plan.siting.hubs, assignments: plan.siting.assignments, flows: plan.siting.flows }];
}

/**
 * The plan as a GeoJSON FeatureCollection; each feature's `kind` says what it is. Hubs,
 * assignment lines and flows carry the planning `year` they belong to (one set per year); the
 * OpenStreetMap credit when a network file was used.
 */
export function planGeoJson(plan: Plan, scenario: Scenario | undefined): FeatureCollection {
  const features: GeoJsonFeature[] = [];
  const hubAt = new Map(plan.siting.hubs.map((h) => [h.siteId, h.location]));
  const zoneAt = new Map((scenario?.zones ?? []).map((z) => [z.id, z]));
  const offtakerAt = new Map((scenario?.offtakers ?? []).map((o) => [o.id, o.location]));
  const years = planYears(plan);
  for (const { year, hubs } of years)
    for (const h of hubs) {
      hubAt.set(h.siteId, h.location);
      features.push({
        type: "Feature",
        geometry: point(h.location.lat, h.location.lon),
        properties: {
          kind: "hub", siteId: h.siteId, name: h.name, sizeId: h.sizeId, capacityTPerYear: h.capacityTPerYear,
          inflowTPerYear: h.inflowTPerYear, utilisation: h.utilisation, enterprises: h.enterprises, jobs: h.jobs, openFromYear: h.openFromYear, year,
        },
      });
    }
  for (const z of zoneAt.values()) {
    features.push({ type: "Feature", geometry: point(z.location.lat, z.location.lon), properties: { kind: "zone", zoneId: z.id, name: z.name, joinYear: z.joinYear } });
  }
  for (const { year, assignments } of years)
    for (const a of assignments) {
      const from = zoneAt.get(a.zoneId)?.location;
      const to = hubAt.get(a.hubId);
      if (!from || !to) continue;
      features.push({
        type: "Feature",
        geometry: { type: "LineString", coordinates: [[from.lon, from.lat], [to.lon, to.lat]] },
        properties: { kind: "assignment", zoneId: a.zoneId, hubId: a.hubId, fraction: a.fraction, tonnesPerYear: a.tonnesPerYear, distanceKm: a.distanceKm, year },
      });
    }
  for (const { year, flows } of years)
    for (const f of flows) {
      const from = hubAt.get(f.hubId);
      const to = offtakerAt.get(f.to);
      if (!from || !to) continue;
      features.push({
        type: "Feature",
        geometry: { type: "LineString", coordinates: [[from.lon, from.lat], [to.lon, to.lat]] },
        properties: { kind: "flow", hubId: f.hubId, to: f.to, material: f.material, mode: f.mode, tonnesPerYear: f.tonnesPerYear, distanceKm: f.distanceKm, year },
      });
    }
  features.push(...echelonFeatures(plan, scenario));
  features.push(...routeFeatures(plan.routing));
  return withAttribution({ type: "FeatureCollection", features }, usesNetworkFile(plan.network));
}

export type PlanTable = "assignments" | "flows" | "hubs" | "routes" | EchelonTable;

/** One table of the plan as CSV; the siting tables have one block of rows per planning `year` (last column). */
export function planCsv(plan: Plan, table: PlanTable): string {
  const years = planYears(plan);
  switch (table) {
    case "assignments":
      return toCsv(
        ["zoneId", "hubId", "fraction", "tonnesPerYear", "distanceKm", "year"],
        years.flatMap(({ year, assignments }) => assignments.map((a) => [a.zoneId, a.hubId, a.fraction, a.tonnesPerYear, a.distanceKm, year])),
      );
    case "flows":
      return toCsv(
        ["hubId", "to", "material", "mode", "tonnesPerYear", "distanceKm", "revenueUsdPerYear", "transportCostUsdPerYear", "co2TPerYear", "year"],
        years.flatMap(({ year, flows }) =>
          flows.map((f) => [f.hubId, f.to, f.material, f.mode, f.tonnesPerYear, f.distanceKm, f.revenueUsdPerYear, f.transportCostUsdPerYear, f.co2TPerYear, year]),
        ),
      );
    case "hubs":
      return toCsv(
        ["siteId", "name", "lat", "lon", "sizeId", "capacityTPerYear", "fixedCostUsdPerYear", "inflowTPerYear", "utilisation", "openFromYear", "enterprises", "jobs", "year"],
        years.flatMap(({ year, hubs }) =>
          hubs.map((h) => [
            h.siteId, h.name, h.location.lat, h.location.lon, h.sizeId, h.capacityTPerYear, h.fixedCostUsdPerYear,
            h.inflowTPerYear, h.utilisation, h.openFromYear, h.enterprises.join(" "), h.jobs, year,
          ]),
        ),
      );
    case "routes":
      return toCsv(ROUTE_CSV_HEADER, routeCsvRows(plan.routing, plan.scenarioId));
    default:
      return echelonCsv(plan, table);
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
