// The plan's drop-off points, regional centres and the shipments between echelons (city hub →
// regional centre by stream, regional centre → offtaker by material) as GeoJSON features and CSV
// tables, beside the hub-level ones of plan-format.ts. Positions come from the plan itself (its
// hubs, centres and points) and, for offtakers, from the scenario.
import type { Plan, Scenario } from "../../domain/index.js";
import { toCsv } from "./csv.js";
import type { GeoJsonFeature } from "./routes-format.js";

export const ECHELON_TABLES = ["drop-offs", "centres", "shipments"] as const;
export type EchelonTable = (typeof ECHELON_TABLES)[number];

type Where = { lat: number; lon: number };

/** The last planning year: what `siting` shows. */
function lastYear(plan: Plan): number {
  return plan.years?.at(-1)?.year ?? 1;
}

/** Zones that send devices to each drop-off point (chosen drop-off options). */
function pointZones(plan: Plan): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const z of plan.siting.channels ?? [])
    for (const o of z.options)
      if (o.chosen && o.channel === "drop-off" && o.dropOffId) out.set(o.dropOffId, [...(out.get(o.dropOffId) ?? []), z.zoneId]);
  return out;
}

/** One row per leg between echelons: hub → centre (a stream), centre → offtaker or disposal (a material). */
function legs(plan: Plan): Array<{ leg: "hub-centre" | "centre-offtaker"; from: string; to: string; stream: string; material: string; mode: string; via: string; tonnesPerYear: number; distanceKm: number; transportCostUsdPerYear: number; revenueUsdPerYear: number; co2TPerYear: number }> {
  const inbound = (plan.siting.shipments ?? []).map((s) => ({
    leg: "hub-centre" as const, from: s.hubId, to: s.centreId, stream: s.stream, material: "", mode: s.mode, via: s.via,
    tonnesPerYear: s.tonnesPerYear, distanceKm: s.distanceKm, transportCostUsdPerYear: s.transportCostUsdPerYear, revenueUsdPerYear: 0, co2TPerYear: s.co2TPerYear,
  }));
  const outbound = plan.siting.flows.filter((f) => f.echelon === "regional").map((f) => ({
    leg: "centre-offtaker" as const, from: f.hubId, to: f.to, stream: "", material: f.material, mode: f.mode, via: f.mode,
    tonnesPerYear: f.tonnesPerYear, distanceKm: f.distanceKm, transportCostUsdPerYear: f.transportCostUsdPerYear, revenueUsdPerYear: f.revenueUsdPerYear, co2TPerYear: f.co2TPerYear,
  }));
  return [...inbound, ...outbound];
}

/** One of the echelon tables as CSV (header only when the plan has none of its rows); `year` is the plan's last year. */
export function echelonCsv(plan: Plan, table: EchelonTable): string {
  const year = lastYear(plan);
  switch (table) {
    case "drop-offs": {
      const zones = pointZones(plan);
      return toCsv(
        ["id", "name", "lat", "lon", "tonnesPerYear", "capacityTPerYear", "utilisation", "fixedCostUsdPerYear", "zones", "year"],
        (plan.siting.dropOffs ?? []).map((d) => [
          d.id, d.name, d.location.lat, d.location.lon, d.tonnesPerYear, d.capacityTPerYear, d.tonnesPerYear / d.capacityTPerYear, d.fixedCostUsdPerYear, (zones.get(d.id) ?? []).join(" "), year,
        ]),
      );
    }
    case "centres":
      return toCsv(
        ["siteId", "name", "lat", "lon", "sizeId", "capacityTPerYear", "fixedCostUsdPerYear", "inflowTPerYear", "utilisation", "openFromYear", "jobs", "year"],
        (plan.siting.centres ?? []).map((c) => [
          c.siteId, c.name, c.location.lat, c.location.lon, c.sizeId, c.capacityTPerYear, c.fixedCostUsdPerYear, c.inflowTPerYear, c.utilisation, c.openFromYear, c.jobs, year,
        ]),
      );
    case "shipments":
      return toCsv(
        ["leg", "from", "to", "stream", "material", "mode", "via", "tonnesPerYear", "distanceKm", "transportCostUsdPerYear", "revenueUsdPerYear", "co2TPerYear", "year"],
        legs(plan).map((l) => [l.leg, l.from, l.to, l.stream, l.material, l.mode, l.via, l.tonnesPerYear, l.distanceKm, l.transportCostUsdPerYear, l.revenueUsdPerYear, l.co2TPerYear, year]),
      );
  }
}

/** Which echelon tables the plan has rows for (the CLI writes only these). */
export function echelonTablesOf(plan: Plan): EchelonTable[] {
  const has: Record<EchelonTable, boolean> = {
    "drop-offs": (plan.siting.dropOffs ?? []).length > 0,
    centres: (plan.siting.centres ?? []).length > 0,
    shipments: legs(plan).length > 0,
  };
  return ECHELON_TABLES.filter((t) => has[t]);
}

/**
 * GeoJSON features of the drop-off points (`kind: "drop-off"`), regional centres (`"centre"`) and
 * legs between echelons (`"shipment"`, hub → centre; `"centre-flow"`, centre → offtaker), each
 * with the plan's last `year`. Legs whose ends have no known position are left out.
 */
export function echelonFeatures(plan: Plan, scenario: Scenario | undefined): GeoJsonFeature[] {
  const year = lastYear(plan);
  const at = new Map<string, Where>([...plan.siting.hubs, ...(plan.siting.centres ?? [])].map((h) => [h.siteId, h.location]));
  for (const o of scenario?.offtakers ?? []) at.set(o.id, o.location);
  const point = (w: Where) => ({ type: "Point" as const, coordinates: [w.lon, w.lat] });
  const zones = pointZones(plan);
  const features: GeoJsonFeature[] = [];
  for (const d of plan.siting.dropOffs ?? [])
    features.push({
      type: "Feature", geometry: point(d.location),
      properties: { kind: "drop-off", id: d.id, name: d.name, tonnesPerYear: d.tonnesPerYear, capacityTPerYear: d.capacityTPerYear, fixedCostUsdPerYear: d.fixedCostUsdPerYear, zones: zones.get(d.id) ?? [], year },
    });
  for (const c of plan.siting.centres ?? [])
    features.push({
      type: "Feature", geometry: point(c.location),
      properties: { kind: "centre", siteId: c.siteId, name: c.name, sizeId: c.sizeId, capacityTPerYear: c.capacityTPerYear, inflowTPerYear: c.inflowTPerYear, utilisation: c.utilisation, jobs: c.jobs, openFromYear: c.openFromYear, year },
    });
  for (const l of legs(plan)) {
    const from = at.get(l.from);
    const to = at.get(l.to);
    if (!from || !to) continue;
    const { leg, ...rest } = l;
    features.push({
      type: "Feature",
      geometry: { type: "LineString", coordinates: [[from.lon, from.lat], [to.lon, to.lat]] },
      properties: { kind: leg === "hub-centre" ? "shipment" : "centre-flow", ...rest, year },
    });
  }
  return features;
}
