// The scenario turned into indexed siting data: supply per zone, stream and year; yields;
// the zone→hub arcs that coverage, reachability and pruning allow; and the cheapest way by
// each mode from every hub to every offtaker. Validated here once; the model trusts it.
import {
  type ProcessStep,
  PROCESS_STEPS,
  type Scenario,
  type TravelMatrix,
  type Offer,
  UrbanmineError,
  valueInYear,
  curbsideScenario,
  zoneAvailableUnitsPerYear,
  zoneUnitsPerYear,
} from "../domain/index.js";
import { buildChannelData, type ChannelData } from "./channel-data.js";
import { buildRegionalData, type RegionalData } from "./regional-data.js";
import { routeCollectionCosts } from "./collection-cost.js";

export interface ZoneArc {
  hub: number;
  distanceKm: number;
  costUsdPerT: number;
  co2KgPerT: number;
}

/** One way of moving a tonne from a hub to an offtaker. */
export interface OutletRoute {
  mode: string;
  /** e.g. "road", or "road→T1 rail→T2 road" */
  via: string;
  distanceKm: number;
  costUsdPerT: number;
  co2KgPerT: number;
}

export interface SitingData {
  scenario: Scenario;
  years: number;
  /** supplyT[z][s]: tonnes of stream s per year from zone z once it has joined (before supplyFactor). */
  supplyT: Float64Array[];
  /** supplyFactor[z][t]: the zone's supply in year t+1 is supplyT[z] × this (zones[].supplyFactorByYear; 1 without one). */
  supplyFactor: Float64Array[];
  /** True when inputs change by year beyond zones joining: supply or price series, or hub expansion. */
  yearlyInputs: boolean;
  unitsPerYear: Float64Array[];
  joinYear: Int32Array;
  /** yieldT[s][m]: tonnes of material m recovered per tonne of stream s (composition × recovery efficiency). */
  yieldT: Float64Array[];
  /** Process steps of each stream, as indices into PROCESS_STEPS, in order. */
  streamSteps: number[][];
  /** Steps some enterprise can run: processing of these in-house is limited by placed enterprises. */
  enterpriseSteps: Set<number>;
  arcs: ZoneArc[][];
  /** Zones with no admissible arc, with the nearest hub distance (km) for the message. */
  stranded: Array<{ zone: number; nearestKm: number }>;
  /** routes[h][o]: ways from hub h to offtaker o (empty: unreachable). */
  routes: OutletRoute[][][];
  /** How collection is priced: by routes (calibrated by `collectionScale`) or a flat per-t-km factor. */
  collection: CollectionPricing;
  /**
   * Collection channels, when the scenario defines them: supplyT is then each zone's available
   * tonnes (before capture), arcs carry the curbside cost per curbside tonne, and what reaches a
   * hub is decided by the channel options chosen.
   */
  channels?: ChannelData;
  /**
   * Regional centres, when the scenario has them: streams with regional steps leave their hub
   * as they are (yieldT and streamSteps are then the hub's part only) for a centre.
   */
  regional?: RegionalData;
}

/** Calibration of the route-based collection estimate: multiplies its cost and its CO2. */
export interface CollectionScale {
  cost: number;
  co2: number;
}

export type CollectionPricing =
  | { method: "routes"; scale: CollectionScale; source: string }
  | { method: "per-t-km"; costUsdPerTKm: number; co2KgPerTKm: number; source: string };

function lookup(m: TravelMatrix): Map<string, number> {
  return new Map(m.ids.map((id, i) => [id, i]));
}

function distance(m: TravelMatrix, idx: Map<string, number>, from: string, to: string): number {
  const a = idx.get(from);
  const b = idx.get(to);
  if (a === undefined || b === undefined)
    throw new UrbanmineError("INVALID_INPUT", `the ${m.mode} travel matrix has no site '${a === undefined ? from : to}'; it must list every zone, hub site, offtaker and terminal`);
  return m.distanceKm[a * m.ids.length + b];
}

/**
 * Indexes a scenario for the siting model.
 * @throws UrbanmineError INVALID_INPUT when the road matrix lacks a site of the scenario.
 */
export function buildSitingData(
  scenario: Scenario,
  travel: { road: TravelMatrix; rail?: TravelMatrix },
  relaxCoverage = false,
  scale: CollectionScale = { cost: 1, co2: 1 },
): SitingData {
  const { streams, materials, zones, hubSites, offtakers, policy } = scenario;
  const matIndex = new Map(materials.map((m, i) => [m.id, i]));
  const roadIdx = lookup(travel.road);

  const unitsPerYear = zones.map((z) => {
    const u = scenario.channels ? zoneAvailableUnitsPerYear(scenario, z) : zoneUnitsPerYear(scenario, z);
    return Float64Array.from(streams, (s) => u[s.id] ?? 0);
  });
  const supplyT = unitsPerYear.map((u) => Float64Array.from(streams, (s, i) => (u[i] * s.unitMassKg) / 1000));
  const yieldT = streams.map((s) => {
    const y = new Float64Array(materials.length);
    for (const c of s.composition) {
      const m = matIndex.get(c.material)!;
      y[m] += (c.kgPerUnit * materials[m].recoveryEfficiency) / s.unitMassKg;
    }
    return y;
  });
  const stepIndex = (p: ProcessStep): number => PROCESS_STEPS.indexOf(p);
  const streamSteps = streams.map((s) => (s.processSteps ?? ["sorting"]).map(stepIndex));
  const enterpriseSteps = new Set(scenario.enterprises.map((e) => stepIndex(e.processStep)));

  const collection = collectionPricing(scenario, scale);
  // With channels, the routes collect only the curbside capture: price them on that supply.
  const priced = curbsideScenario(scenario);
  const pricedT = priced === scenario ? supplyT : priced.zones.map((z) => Float64Array.from(streams, (s) => ((z.unitsPerYear?.[s.id] ?? 0) * s.unitMassKg) / 1000));
  const byRoutes = collection.method === "routes" ? routeCollectionCosts(priced, travel.road, roadIdx) : null;
  const radius = relaxCoverage ? Infinity : (policy.coverageRadiusKm ?? Infinity);
  const arcs: ZoneArc[][] = [];
  const stranded: SitingData["stranded"] = [];
  zones.forEach((z, zi) => {
    const all: ZoneArc[] = [];
    let nearest = Infinity;
    hubSites.forEach((h, hi) => {
      if (h.status === "forced-closed") return;
      const km = distance(travel.road, roadIdx, z.id, h.id);
      if (!Number.isFinite(km)) return;
      nearest = Math.min(nearest, km);
      if (km > radius) return;
      const tons = pricedT[zi].reduce((a, v) => a + v, 0);
      if (byRoutes && collection.method === "routes") {
        const c = byRoutes(zi, hi);
        if (!Number.isFinite(c.usdPerYear)) return;
        const perT = (v: number): number => (tons > 0 ? v / tons : 0);
        all.push({ hub: hi, distanceKm: km, costUsdPerT: perT(c.usdPerYear * collection.scale.cost), co2KgPerT: perT(c.co2KgPerYear * collection.scale.co2) });
      } else if (collection.method === "per-t-km")
        all.push({ hub: hi, distanceKm: km, costUsdPerT: km * collection.costUsdPerTKm, co2KgPerT: km * collection.co2KgPerTKm });
    });
    all.sort((a, b) => a.distanceKm - b.distanceKm || a.hub - b.hub);
    const keep = policy.maxSitesPerZone ? all.slice(0, policy.maxSitesPerZone) : all;
    // A forced-open or existing hub inside the radius stays reachable whatever the pruning.
    for (const a of all) if (!keep.includes(a) && hubSites[a.hub].status !== "candidate") keep.push(a);
    arcs.push(keep);
    if (keep.length === 0 && supplyT[zi].some((v) => v > 0)) stranded.push({ zone: zi, nearestKm: nearest });
  });

  const routes = hubSites.map((h) => offtakers.map((o) => outletRoutes(scenario, travel, roadIdx, h.id, o.id, o.modes)));
  // With regional centres, streams that have regional steps make no material at their hub.
  const regional = scenario.regional ? buildRegionalData(scenario, travel, roadIdx, streamSteps, yieldT) : undefined;
  const supplyFactor = zones.map((z) => Float64Array.from({ length: policy.horizonYears }, (_, t) => valueInYear(z.supplyFactorByYear, 1, t + 1)));
  const yearlyInputs =
    policy.allowExpansion || zones.some((z) => z.supplyFactorByYear) || offtakers.some((o) => o.accepts.some((a) => a.priceUsdPerTByYear));
  return {
    scenario,
    years: policy.horizonYears,
    supplyT,
    supplyFactor,
    yearlyInputs,
    unitsPerYear,
    joinYear: Int32Array.from(zones, (z) => z.joinYear),
    yieldT,
    streamSteps,
    enterpriseSteps,
    arcs,
    stranded,
    routes,
    collection,
    ...(regional ? { regional } : {}),
    ...(scenario.channels ? { channels: buildChannelData(scenario, travel.road, roadIdx, supplyT, arcs) } : {}),
  };
}

/**
 * Route-based pricing unless the scenario gives a flat `transport.collectionCostUsdPerTKm` (then
 * CO2 is the first vehicle's per km at full load, as before route pricing existed).
 */
function collectionPricing(s: Scenario, scale: CollectionScale): CollectionPricing {
  const flat = s.transport.collectionCostUsdPerTKm;
  if (flat === undefined)
    return {
      method: "routes",
      scale,
      source: "route-based estimate per zone and hub (docs/siting-model.md: stem trips from the vehicles' depots, local legs by the Beardwood–Halton–Hammersley constant, service and unload times, the carriers' vehicle costs), calibrated against the routed day (kpis.collection)",
    };
  const v = s.carriers[0].vehicles[0];
  const loadT = v.capacityKg / 1000;
  return {
    method: "per-t-km",
    costUsdPerTKm: flat,
    co2KgPerTKm: v.co2KgPerKm / loadT,
    source: `transport.collectionCostUsdPerTKm${s.transport.source ? ` (${s.transport.source})` : ""}; CO2 from vehicle ${v.id} at full load`,
  };
}

/**
 * Direct road, the cheapest road–rail–road path through terminals, and explicit lanes. When the
 * rail matrix carries per-tonne costs (the network's intermodal matrix), its hub→offtaker entry
 * is the rail option; otherwise the path is built here from road legs and terminal-to-terminal
 * rail distances.
 */
export function outletRoutes(
  s: Scenario,
  travel: { road: TravelMatrix; rail?: TravelMatrix },
  roadIdx: Map<string, number>,
  hubId: string,
  offId: string,
  modes: string[],
): OutletRoute[] {
  const out: OutletRoute[] = [];
  const road = s.transport.road;
  if (modes.includes("road")) {
    const km = distance(travel.road, roadIdx, hubId, offId);
    if (Number.isFinite(km)) out.push({ mode: "road", via: "road", distanceKm: km, costUsdPerT: km * road.costUsdPerTKm, co2KgPerT: km * road.co2KgPerTKm });
  }
  const rail = s.transport.rail;
  const intermodal = travel.rail?.costUsdPerT && travel.rail.co2KgPerT ? travel.rail : null;
  if (rail && intermodal) {
    // The network priced each site-to-site road–rail–road chain already: use it as it is.
    const idx = lookup(intermodal);
    const k = idx.get(hubId)! * intermodal.ids.length + idx.get(offId)!;
    if (idx.has(hubId) && idx.has(offId) && Number.isFinite(intermodal.costUsdPerT![k]))
      out.push({ mode: "rail", via: "road–rail–road", distanceKm: intermodal.distanceKm[k], costUsdPerT: intermodal.costUsdPerT![k], co2KgPerT: intermodal.co2KgPerT![k] });
  } else if (rail && travel.rail) {
    const railIdx = lookup(travel.rail);
    const terms = s.terminals.filter((t) => t.modes.includes("rail") && t.modes.includes("road"));
    let best: OutletRoute | null = null;
    for (const a of terms) {
      const kmA = distance(travel.road, roadIdx, hubId, a.id);
      if (!Number.isFinite(kmA)) continue;
      const legs: Array<{ railKm: number; roadKm: number; transfer: number; label: string }> = [];
      if (modes.includes("rail")) {
        const km = distance(travel.rail, railIdx, a.id, offId);
        legs.push({ railKm: km, roadKm: 0, transfer: a.transferCostUsdPerT, label: `road→${a.id} rail→${offId}` });
      }
      if (modes.includes("road"))
        for (const b of terms) {
          if (b.id === a.id) continue;
          legs.push({
            railKm: distance(travel.rail, railIdx, a.id, b.id),
            roadKm: distance(travel.road, roadIdx, b.id, offId),
            transfer: a.transferCostUsdPerT + b.transferCostUsdPerT,
            label: `road→${a.id} rail→${b.id} road→${offId}`,
          });
        }
      for (const l of legs) {
        if (!Number.isFinite(l.railKm) || !Number.isFinite(l.roadKm)) continue;
        const roadKm = kmA + l.roadKm;
        const cost = roadKm * road.costUsdPerTKm + l.railKm * rail.costUsdPerTKm + l.transfer;
        if (!best || cost < best.costUsdPerT)
          best = {
            mode: "rail",
            via: l.label,
            distanceKm: roadKm + l.railKm,
            costUsdPerT: cost,
            co2KgPerT: roadKm * road.co2KgPerTKm + l.railKm * rail.co2KgPerTKm,
          };
      }
    }
    if (best) out.push(best);
  }
  for (const lane of s.lanes)
    if (lane.from === hubId && lane.to === offId)
      out.push({ mode: lane.mode, via: `lane ${lane.id}`, distanceKm: lane.distanceKm, costUsdPerT: lane.costUsdPerT, co2KgPerT: lane.distanceKm * lane.co2KgPerTKm });
  return out;
}

/** Price of `offer` in `year` (1-based), USD per tonne: its yearly series, else its one price. */
export function offerPrice(offer: Offer, year: number): number {
  return valueInYear(offer.priceUsdPerTByYear, offer.priceUsdPerT, year);
}
