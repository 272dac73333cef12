// Travel for a whole scenario. A city network file covers the local sites (zones, hubs, depots,
// terminals, pickups); offtakers hundreds of km away are beyond it, so every leg that touches an
// offtaker is great-circle × circuity (explicit lanes cover other long-haul modes).
import type { Scenario, TravelMatrix } from "../domain/index.js";
import { computeTravel, greatCircleMatrix, type TravelResult } from "../network/index.js";
import type { Place } from "./sites.js";

/**
 * Road (and, with a network file and terminals, rail) travel between every place, in order; legs
 * longer than `network.maxRoadKm` unreachable (Infinity).
 */
export async function scenarioTravel(scenario: Scenario, places: Place[], baseDir: string): Promise<TravelResult> {
  const travel = await uncappedTravel(scenario, places, baseDir);
  const max = scenario.network.maxRoadKm;
  if (max === undefined) return travel;
  return { ...travel, road: capKm(travel.road, max), ...(travel.rail ? { rail: capKm(travel.rail, max) } : {}) };
}

/** `m` with every leg longer than `maxKm` unreachable: no road or rail route crosses an ocean. */
function capKm(m: TravelMatrix, maxKm: number): TravelMatrix {
  const far = (k: number): boolean => m.distanceKm[k] > maxKm;
  const cap = (xs: Float64Array | undefined): Float64Array | undefined => xs && xs.map((x, k) => (far(k) ? Infinity : x));
  return {
    ...m,
    distanceKm: cap(m.distanceKm)!,
    durationS: cap(m.durationS)!,
    ...(m.costUsdPerT ? { costUsdPerT: cap(m.costUsdPerT) } : {}),
    ...(m.co2KgPerT ? { co2KgPerT: cap(m.co2KgPerT) } : {}),
    method: `${m.method}; legs over ${maxKm} km unreachable`,
  };
}

async function uncappedTravel(scenario: Scenario, places: Place[], baseDir: string): Promise<TravelResult> {
  const { network } = scenario;
  const terminals = scenario.terminals.map((t) => ({
    id: t.id,
    location: t.location,
    transferTimeS: t.transferTimeS,
    transferCostUsdPerT: t.transferCostUsdPerT,
  }));
  const { transport } = scenario;
  if (!network.file) {
    const gc = await computeTravel({ sites: places, network, baseDir, transport });
    // Rail without a network: great-circle × the rail circuity between every place; siting uses
    // it between terminals (and to rail-served centres and offtakers), with road legs to them.
    if (!network.railCircuityFactor || scenario.terminals.length < 2) return gc;
    const speed = network.railSpeedKmh ?? transport.rail?.speedKmh ?? 50;
    const rail = { ...greatCircleMatrix(places, network.railCircuityFactor, speed), mode: "rail" as const };
    return { ...gc, rail: { ...rail, method: `rail great-circle x ${network.railCircuityFactor} at ${speed} km/h` } };
  }
  const far = places.filter((p) => p.kind === "offtaker" || p.kind === "centre");
  if (far.length === 0) return computeTravel({ sites: places, network, baseDir, terminals, transport });
  const local = places.filter((p) => p.kind !== "offtaker" && p.kind !== "centre");
  const near = await computeTravel({ sites: local, network, baseDir, terminals, transport });
  const gc = greatCircleMatrix(places, network.circuityFactor, network.roadSpeedKmh);
  const road = blend(near.road, gc, `${near.road.method}; offtakers by great-circle x ${network.circuityFactor}`);
  // No rail figures beyond the network: a rail leg to an offtaker needs an explicit lane.
  const noRail = { ...gc, durationS: new Float64Array(gc.durationS.length).fill(Infinity), distanceKm: new Float64Array(gc.distanceKm.length).fill(Infinity) };
  const rail = near.rail ? blend(near.rail, noRail, near.rail.method) : undefined;
  const isLocal = new Set(local.map((p) => p.id));
  const byId = new Map(places.map((p) => [p.id, p.location]));
  return {
    road,
    ...(rail ? { rail } : {}),
    snaps: near.snaps,
    report: near.report,
    legGeometry(fromId, toId, mode) {
      if (isLocal.has(fromId) && isLocal.has(toId)) return near.legGeometry(fromId, toId, mode);
      const a = byId.get(fromId)!;
      const b = byId.get(toId)!;
      return [
        [a.lon, a.lat],
        [b.lon, b.lat],
      ];
    },
  };
}

/**
 * `wide`'s ids and entries, overwritten wherever both sites are in `local`. Per-tonne figures
 * that only `local` carries are kept for its pairs and unknown (Infinity) elsewhere.
 */
function blend(local: TravelMatrix, wide: TravelMatrix, method: string): TravelMatrix {
  const n = wide.ids.length;
  const k = local.ids.length;
  const pos = new Map(wide.ids.map((id, i) => [id, i]));
  const at = local.ids.map((id) => pos.get(id)!);
  const merge = (inner: Float64Array, outer?: Float64Array): Float64Array => {
    const out = outer ? Float64Array.from(outer) : new Float64Array(n * n).fill(Infinity);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) out[at[a] * n + at[b]] = inner[a * k + b];
    return out;
  };
  return {
    ...wide,
    mode: local.mode,
    durationS: merge(local.durationS, wide.durationS),
    distanceKm: merge(local.distanceKm, wide.distanceKm),
    ...(local.railDistanceKm ? { railDistanceKm: merge(local.railDistanceKm) } : {}),
    ...(local.costUsdPerT ? { costUsdPerT: merge(local.costUsdPerT, wide.costUsdPerT) } : {}),
    ...(local.co2KgPerT ? { co2KgPerT: merge(local.co2KgPerT, wide.co2KgPerT) } : {}),
    method,
    unreachable: local.unreachable,
  };
}
