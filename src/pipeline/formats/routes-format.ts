// A day's routes as GeoJSON (route lines and stop points) and as CSV (one row per step).
// GeoJSON follows RFC 7946: [longitude, latitude], WGS 84.
import type { Plan } from "../../domain/index.js";
import { toCsv } from "./csv.js";

type Routing = Plan["routing"];

export interface GeoJsonFeature {
  type: "Feature";
  geometry: { type: "Point"; coordinates: number[] } | { type: "LineString"; coordinates: number[][] };
  properties: Record<string, unknown>;
}

export interface FeatureCollection {
  type: "FeatureCollection";
  features: GeoJsonFeature[];
  /** Credit for the data drawn (RFC 7946 foreign member): set when a network file was used. */
  attribution?: string;
}

/** The credit OpenStreetMap's licence (ODbL) asks for wherever its data are shipped or drawn. */
export const OSM_ATTRIBUTION = "© OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright)";

/**
 * Whether travel came from a network file (an OpenStreetMap extract, or GeoJSON roads commonly
 * drawn from one) rather than great-circle x circuity: `Plan.network` names the method.
 */
export function usesNetworkFile(network: string): boolean {
  return !network.startsWith("great-circle");
}

/** The collection, with the OpenStreetMap credit when `osm`. */
export function withAttribution(fc: FeatureCollection, osm: boolean): FeatureCollection {
  return osm ? { ...fc, attribution: OSM_ATTRIBUTION } : fc;
}

/** Route lines and their job stops as GeoJSON features, each tagged with `kind`. */
export function routeFeatures(routing: Routing, extra: Record<string, unknown> = {}): GeoJsonFeature[] {
  const out: GeoJsonFeature[] = [];
  for (const r of routing.routes) {
    out.push({
      type: "Feature",
      geometry: r.geometry,
      properties: {
        kind: "route",
        ...extra,
        vehicleId: r.vehicleId,
        carrierId: r.carrierId,
        date: routing.date,
        stops: r.steps.filter((s) => s.type === "job").length,
        distanceKm: r.distanceKm,
        durationS: r.durationS,
        costUsd: r.costUsd,
        co2Kg: r.co2Kg,
        collectedKg: r.collectedKg,
        ...(r.transferredKg !== undefined ? { transferredKg: r.transferredKg } : {}),
      },
    });
    r.steps.forEach((s, i) => {
      out.push({
        type: "Feature",
        geometry: { type: "Point", coordinates: [s.location.lon, s.location.lat] },
        properties: { kind: "stop", ...extra, vehicleId: r.vehicleId, sequence: i, type: s.type, id: s.id, arrival: s.arrival, loadKg: s.loadKg },
      });
    });
  }
  return out;
}

export const ROUTE_CSV_HEADER = [
  "scenarioId", "carrierId", "vehicleId", "sequence", "type", "id", "lat", "lon",
  "arrival", "arrivalS", "waitingS", "departureS", "loadKg", "loadM3", "distanceKm",
] as const;

/** CSV rows of every step of every route. */
export function routeCsvRows(routing: Routing, scenarioId: string): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [];
  for (const r of routing.routes) {
    r.steps.forEach((s, i) => {
      rows.push([
        scenarioId, r.carrierId, r.vehicleId, i, s.type, s.id, s.location.lat, s.location.lon,
        s.arrival, s.arrivalS, s.waitingS, s.departureS, s.loadKg, s.loadM3, s.distanceKm,
      ]);
    });
  }
  return rows;
}

/** One carrier's day across scenarios as CSV. */
export function dayRoutesCsv(days: ReadonlyArray<{ scenarioId: string; routing: Routing }>): string {
  return toCsv(ROUTE_CSV_HEADER, days.flatMap((d) => routeCsvRows(d.routing, d.scenarioId)));
}

/**
 * One carrier's day across scenarios as a GeoJSON FeatureCollection; `osm`: some of the days were
 * routed on a network file, so the collection carries the OpenStreetMap credit.
 */
export function dayRoutesGeoJson(days: ReadonlyArray<{ scenarioId: string; routing: Routing }>, osm = false): FeatureCollection {
  return withAttribution({ type: "FeatureCollection", features: days.flatMap((d) => routeFeatures(d.routing, { scenarioId: d.scenarioId })) }, osm);
}
