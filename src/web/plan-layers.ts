// A plan (with its scenario) as the map's overlays: zones sized by tonnes, hubs by capacity and
// coloured by utilisation, each hub's service area (convex hull of its zones, @turf/turf),
// zone -> hub assignments, hub -> offtaker flows by mode (and hub -> regional centre -> offtaker),
// drop-off points and regional centres, and the day's routes with their stops.
// Every feature carries a title and rows of numbers for its popup.
import { bbox, convex, featureCollection, point } from "@turf/turf";
import type { Feature, FeatureCollection, LineString, Point, Polygon } from "geojson";
import { api } from "./api.js";
import { money, num, pct } from "./dom.js";
import type { MapHandle, Overlay, PlaceLabel } from "./map.js";
import type { Plan, PlanRoute, Scenario } from "./types.js";

export const ROUTE_COLOURS = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#0891b2", "#65a30d", "#dc2626", "#4f46e5", "#0d9488"];

type Props = Record<string, unknown>;
type Layers = Partial<Record<Overlay, FeatureCollection>>;

function pt(lon: number, lat: number, props: Props): Feature<Point> {
  return { type: "Feature", geometry: { type: "Point", coordinates: [lon, lat] }, properties: props };
}

function line(coords: number[][], props: Props): Feature<LineString> {
  return { type: "Feature", geometry: { type: "LineString", coordinates: coords }, properties: props };
}

function rows(r: [string, string][]): string {
  return JSON.stringify(r);
}

/** What the plan-diff view marks: hub changes and reassigned zones. */
export interface PlanMarks {
  hubChange?: Map<string, "opened" | "closed" | "kept">;
  reassigned?: Set<string>;
  /** Extra hubs to draw (closed ones, from the other plan). */
  extraHubs?: Plan["siting"]["hubs"];
}

/** Route lines and stop points of a day's routes, one colour per vehicle. */
export function routeLayers(routes: PlanRoute[]): { routes: FeatureCollection; stops: FeatureCollection } {
  const lines: Feature[] = [];
  const stops: Feature[] = [];
  routes.forEach((r, i) => {
    const colour = ROUTE_COLOURS[i % ROUTE_COLOURS.length];
    const jobs = r.steps.filter((s) => s.type === "job").length;
    lines.push(line(r.geometry.coordinates, {
      kind: "route", carrierId: r.carrierId, vehicleId: r.vehicleId, colour,
      title: `Route ${r.vehicleId} (${r.carrierId})`,
      rows: rows([["stops", String(jobs)], ["distance", `${num(r.distanceKm)} km`], ["duration", `${num(r.durationS / 3600)} h`], ["collected", `${num(r.collectedKg)} kg`], ["cost", money(r.costUsd)], ["CO2", `${num(r.co2Kg)} kg`]]),
    }));
    let n = 0;
    for (const s of r.steps) {
      if (s.type !== "job") continue;
      n += 1;
      stops.push(pt(s.location.lon, s.location.lat, {
        kind: "stop", carrierId: r.carrierId, vehicleId: r.vehicleId, colour, id: s.id,
        title: `Stop ${n} of ${r.vehicleId}: ${s.id}`,
        rows: rows([["arrival", s.arrival], ["waiting", `${num(s.waitingS / 60)} min`], ["load after", `${num(s.loadKg)} kg, ${num(s.loadM3)} m³`], ["carrier", r.carrierId]]),
      }));
    }
  });
  return { routes: featureCollection(lines) as FeatureCollection, stops: featureCollection(stops) as FeatureCollection };
}

/** The overlays of a plan. */
export function planLayers(plan: Plan, scenario: Scenario, marks: PlanMarks = {}): Layers {
  const zoneTonnes = new Map<string, number>();
  const zoneHubs = new Map<string, string[]>();
  for (const a of plan.siting.assignments) {
    zoneTonnes.set(a.zoneId, (zoneTonnes.get(a.zoneId) ?? 0) + a.tonnesPerYear);
    zoneHubs.set(a.zoneId, [...(zoneHubs.get(a.zoneId) ?? []), a.hubId]);
  }
  const maxT = Math.max(1e-9, ...zoneTonnes.values());
  const zoneAt = new Map(scenario.zones.map((z) => [z.id, z]));
  const zones = scenario.zones.map((z) => {
    const t = zoneTonnes.get(z.id) ?? 0;
    return pt(z.location.lon, z.location.lat, {
      kind: "zone", id: z.id, tonnesPerYear: t, radius: 4 + 14 * Math.sqrt(t / maxT), reassigned: marks.reassigned?.has(z.id) ?? false,
      title: z.name ?? z.id,
      rows: rows([["zone", z.id], ["collected", `${num(t)} t/yr`], ["population", num(z.population)], ["served by", (zoneHubs.get(z.id) ?? []).join(", ") || "none"]]),
    });
  });

  const hubs = [...plan.siting.hubs, ...(marks.extraHubs ?? [])];
  const maxCap = Math.max(1e-9, ...hubs.map((hb) => hb.capacityTPerYear));
  const hubColour = new Map(hubs.map((hb, i) => [hb.siteId, ROUTE_COLOURS[i % ROUTE_COLOURS.length]]));
  const hubFeatures = hubs.map((hb) => pt(hb.location.lon, hb.location.lat, {
    kind: "hub", id: hb.siteId, utilisation: hb.utilisation, radius: 8 + 12 * Math.sqrt(hb.capacityTPerYear / maxCap),
    change: marks.hubChange?.get(hb.siteId) ?? "none",
    title: `Hub ${hb.name ?? hb.siteId}`,
    rows: rows([
      ["size", hb.sizeId], ["capacity", `${num(hb.capacityTPerYear)} t/yr`], ["inflow", `${num(hb.inflowTPerYear)} t/yr`], ["utilisation", pct(hb.utilisation)],
      ["fixed cost", `${money(hb.fixedCostUsdPerYear)}/yr`], ["jobs", num(hb.jobs)], ["enterprises", hb.enterprises.join(", ") || "none"], ["open from year", String(hb.openFromYear)],
      ...(marks.hubChange?.get(hb.siteId) ? [["in comparison", marks.hubChange.get(hb.siteId) as string] as [string, string]] : []),
    ]),
  }));

  const hubAt = new Map(hubs.map((hb) => [hb.siteId, hb.location]));
  const areas: Feature[] = [];
  for (const hb of plan.siting.hubs) {
    const pts = plan.siting.assignments.filter((a) => a.hubId === hb.siteId).map((a) => zoneAt.get(a.zoneId)?.location).filter((l) => l !== undefined);
    const hull = convex(featureCollection([point([hb.location.lon, hb.location.lat]), ...pts.map((l) => point([l.lon, l.lat]))]));
    if (!hull) continue;
    areas.push({ ...(hull as Feature<Polygon>), properties: {
      kind: "area", hubId: hb.siteId, colour: hubColour.get(hb.siteId), title: `Service area of ${hb.name ?? hb.siteId}`,
      rows: rows([["zones", String(pts.length)], ["inflow", `${num(hb.inflowTPerYear)} t/yr`]]),
    } });
  }

  const assignments = plan.siting.assignments.flatMap((a) => {
    const z = zoneAt.get(a.zoneId)?.location;
    const to = hubAt.get(a.hubId);
    if (!z || !to) return [];
    return [line([[z.lon, z.lat], [to.lon, to.lat]], {
      kind: "assignment", zoneId: a.zoneId, hubId: a.hubId, reassigned: marks.reassigned?.has(a.zoneId) ?? false,
      title: `${a.zoneId} → ${a.hubId}`,
      rows: rows([["share", pct(a.fraction)], ["tonnes", `${num(a.tonnesPerYear)} t/yr`], ["road distance", `${num(a.distanceKm)} km`]]),
    })];
  });

  const offtakerAt = new Map(scenario.offtakers.map((o) => [o.id, o]));
  const centres = plan.siting.centres ?? [];
  const centreAt = new Map(centres.map((c) => [c.siteId, c.location]));
  const shipments = plan.siting.shipments ?? [];
  const maxFlow = Math.max(1e-9, ...plan.siting.flows.map((f) => f.tonnesPerYear), ...shipments.map((x) => x.tonnesPerYear));
  const flows = plan.siting.flows.flatMap((f) => {
    const from = f.echelon === "regional" ? centreAt.get(f.hubId) : hubAt.get(f.hubId);
    const to = offtakerAt.get(f.to)?.location;
    if (!from || !to) return [];
    return [line([[from.lon, from.lat], [to.lon, to.lat]], {
      kind: "flow", mode: f.mode, width: 1.5 + 5 * Math.sqrt(f.tonnesPerYear / maxFlow),
      title: `${f.material}: ${f.hubId} → ${f.to} by ${f.mode}`,
      rows: rows([["tonnes", `${num(f.tonnesPerYear)} t/yr`], ["distance", `${num(f.distanceKm)} km`], ["revenue", `${money(f.revenueUsdPerYear)}/yr`], ["transport", `${money(f.transportCostUsdPerYear)}/yr`], ["CO2", `${num(f.co2TPerYear)} t/yr`]]),
    })];
  });
  for (const x of shipments) {
    const from = hubAt.get(x.hubId);
    const to = centreAt.get(x.centreId);
    if (!from || !to) continue;
    flows.push(line([[from.lon, from.lat], [to.lon, to.lat]], {
      kind: "shipment", mode: x.mode, width: 1.5 + 5 * Math.sqrt(x.tonnesPerYear / maxFlow),
      title: `${x.stream}: ${x.hubId} → centre ${x.centreId} by ${x.mode}`,
      rows: rows([["tonnes", `${num(x.tonnesPerYear)} t/yr`], ["via", x.via], ["distance", `${num(x.distanceKm)} km`], ["transport", `${money(x.transportCostUsdPerYear)}/yr`], ["CO2", `${num(x.co2TPerYear)} t/yr`]]),
    }));
  }
  const maxCentre = Math.max(1e-9, ...centres.map((c) => c.capacityTPerYear));
  const centreFeatures = centres.map((c) => pt(c.location.lon, c.location.lat, {
    kind: "centre", id: c.siteId, radius: 9 + 12 * Math.sqrt(c.capacityTPerYear / maxCentre), title: `Regional centre ${c.name ?? c.siteId}`,
    rows: rows([["size", c.sizeId], ["capacity", `${num(c.capacityTPerYear)} t/yr`], ["inflow", `${num(c.inflowTPerYear)} t/yr`], ["utilisation", pct(c.utilisation)], ["fixed cost", `${money(c.fixedCostUsdPerYear)}/yr`], ["jobs", num(c.jobs)]]),
  }));
  const dropoffs = (plan.siting.dropOffs ?? []).map((d) => pt(d.location.lon, d.location.lat, {
    kind: "dropoff", id: d.id, title: `Drop-off point ${d.name ?? d.id}`,
    rows: rows([["tonnes", `${num(d.tonnesPerYear)} t/yr`], ["capacity", `${num(d.capacityTPerYear)} t/yr`], ["fixed cost", `${money(d.fixedCostUsdPerYear)}/yr`]]),
  }));
  const usedOfftakers = new Set(plan.siting.flows.map((f) => f.to));
  const offtakers = scenario.offtakers.filter((o) => usedOfftakers.has(o.id)).map((o) => pt(o.location.lon, o.location.lat, {
    kind: "offtaker", id: o.id, title: `Offtaker ${o.name ?? o.id}`,
    rows: rows(plan.siting.flows.filter((f) => f.to === o.id).map((f) => [f.material, `${num(f.tonnesPerYear)} t/yr by ${f.mode}`] as [string, string])),
  }));
  const depots = scenario.carriers.flatMap((c) => c.depots.map((d) => pt(d.location.lon, d.location.lat, {
    kind: "depot", id: d.id, carrierId: c.id, title: `Depot ${d.name ?? d.id}`, rows: rows([["carrier", c.name ?? c.id]]),
  })));
  const day = routeLayers(plan.routing.routes);
  return {
    zones: featureCollection(zones) as FeatureCollection,
    hubs: featureCollection(hubFeatures) as FeatureCollection,
    areas: featureCollection(areas) as FeatureCollection,
    assignments: featureCollection(assignments) as FeatureCollection,
    flows: featureCollection(flows) as FeatureCollection,
    offtakers: featureCollection(offtakers) as FeatureCollection,
    centres: featureCollection(centreFeatures) as FeatureCollection,
    dropoffs: featureCollection(dropoffs) as FeatureCollection,
    depots: featureCollection(depots) as FeatureCollection,
    routes: day.routes,
    stops: day.stops,
  };
}

/**
 * The towns a scenario's zones lie in, one name each at the mean of their zones: zone names read
 * "87102 Albuquerque, NM (Bernalillo County)" or "Santa Fe, NM (5 ZIPs)", and the place is the
 * part before the first comma, without a leading ZIP code. Zones without a name get no label.
 */
export function placeLabels(scenario: Scenario): PlaceLabel[] {
  const places = new Map<string, { lon: number; lat: number; n: number }>();
  for (const z of scenario.zones) {
    const text = z.name?.replace(/^\d{5}\s+/, "").split(",")[0].trim();
    if (!text) continue;
    const p = places.get(text) ?? { lon: 0, lat: 0, n: 0 };
    p.lon += z.location.lon;
    p.lat += z.location.lat;
    p.n += 1;
    places.set(text, p);
  }
  return [...places].map(([text, p]) => ({ text, lon: p.lon / p.n, lat: p.lat / p.n }));
}

/** Shows `layers` (clearing the rest) and frames the map on the zones, hubs and routes. */
export function showLayers(m: MapHandle, layers: Layers, frameOn: Overlay[] = ["zones", "hubs", "routes", "depots"]): void {
  // Each overlay is set once (its data, or empty): a source set twice is parsed twice.
  m.clear(Object.keys(layers) as Overlay[]);
  for (const [name, fc] of Object.entries(layers)) m.set(name as Overlay, fc);
  const framed = frameOn.flatMap((o) => layers[o]?.features ?? []);
  if (framed.length > 0) m.fit(bbox(featureCollection(framed as Feature[])) as [number, number, number, number]);
}

export interface NetworkLines extends FeatureCollection {
  attribution: string | null;
}

const networks = new Map<string, Promise<NetworkLines>>();

/** The scenario's network lines (streets, rail; empty without a network file), fetched once per scenario and page. */
export function networkLines(scenarioId: string): Promise<NetworkLines> {
  let lines = networks.get(scenarioId);
  if (!lines) {
    lines = api<NetworkLines>("GET", `/v1/scenarios/${encodeURIComponent(scenarioId)}/network`);
    networks.set(scenarioId, lines);
    lines.catch(() => networks.delete(scenarioId));
  }
  return lines;
}

/**
 * Draws the scenario's own network (streets, rail) beneath the overlays, and credits
 * OpenStreetMap when the lines come from it.
 */
export async function showNetwork(m: MapHandle, scenarioId: string): Promise<void> {
  drawNetwork(m, await networkLines(scenarioId));
}

/** Draws network lines already fetched (with the overlays set in the same task: one batch). */
export function drawNetwork(m: MapHandle, fc: NetworkLines): void {
  m.set("network", fc);
  m.creditOsm(fc.features.length > 0 && fc.attribution !== null);
}
