// The service area of a scenario and the checks every pickup passes, whether it comes in the
// scenario file or is registered over HTTP: known streams and carrier,
// time windows that open before they close, and a location inside the service area. (A scenario
// may list an empty pickup, a no-show; a registration must hold at least one device.)
import { clockToSeconds, type Location } from "./common.js";
import type { InputIssue } from "./errors.js";
import type { PickupRequest } from "./fleet.js";
import type { Scenario } from "./scenario.js";

const EARTH_RADIUS_M = 6371008.8; // IUGG mean radius
const RAD = Math.PI / 180;

/** Great-circle distance between two WGS 84 points, metres. */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Default reach of the service area around the scenario's zones, hub sites and depots, km. */
export const DEFAULT_SERVICE_AREA_KM = 50;

/** A scenario's zones, hub sites and depots sorted by latitude (built once per scenario object). */
interface PlaceIndex {
  lat: Float64Array;
  lon: Float64Array;
  cosLat: Float64Array;
  ids: string[];
}
const placeIndexes = new WeakMap<Scenario, PlaceIndex>();

function placeIndex(s: Scenario): PlaceIndex {
  let idx = placeIndexes.get(s);
  if (!idx) {
    const places = [...s.zones, ...s.hubSites, ...s.carriers.flatMap((c) => c.depots)];
    places.sort((a, b) => a.location.lat - b.location.lat);
    const lat = Float64Array.from(places, (p) => p.location.lat);
    idx = { lat, lon: Float64Array.from(places, (p) => p.location.lon), cosLat: lat.map((x) => Math.cos(x * RAD)), ids: places.map((p) => p.id) };
    placeIndexes.set(s, idx);
  }
  return idx;
}

/** First index whose latitude is at least `lat` (binary search). */
function lowerBound(lat: Float64Array, x: number): number {
  let lo = 0;
  let hi = lat.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lat[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Km of great circle per degree of latitude: no two points further apart in latitude are nearer. */
const KM_PER_DEG_LAT = (EARTH_RADIUS_M * RAD) / 1000;

/**
 * Straight-line km from `at` to the nearest zone, candidate hub site or carrier depot, with that place's id.
 * Scans outward in latitude from `at`, northward and southward, and stops each way at the first place
 * whose latitude alone puts it further than the nearest found (every place beyond is further still), so
 * a city of thousands of zones checks each pickup against a few of them.
 */
export function nearestServedPlace(s: Scenario, at: Location): { id: string; km: number } {
  const idx = placeIndex(s);
  const n = idx.ids.length;
  const cosAt = Math.cos(at.lat * RAD);
  let bestKm = Infinity;
  let bestI = -1;
  const consider = (i: number): boolean => {
    const dLatKm = Math.abs(idx.lat[i] - at.lat) * KM_PER_DEG_LAT;
    if (dLatKm > bestKm) return false;
    // haversine with the cosines precomputed (same formula as haversineM)
    const dLat = (idx.lat[i] - at.lat) * RAD;
    const dLon = (idx.lon[i] - at.lon) * RAD;
    const h = Math.sin(dLat / 2) ** 2 + cosAt * idx.cosLat[i] * Math.sin(dLon / 2) ** 2;
    const km = (2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))) / 1000;
    if (km < bestKm) {
      bestKm = km;
      bestI = i;
    }
    return true;
  };
  let up = lowerBound(idx.lat, at.lat);
  let down = up - 1;
  let goUp = up < n;
  let goDown = down >= 0;
  while (goUp || goDown) {
    if (goUp) {
      goUp = consider(up) && ++up < n;
    }
    if (goDown) {
      goDown = consider(down) && --down >= 0;
    }
  }
  return bestI < 0 ? { id: "", km: Infinity } : { id: idx.ids[bestI], km: bestKm };
}

/** What a pickup is checked on (a scenario pickup, or a registration before it has a day). */
export type PickupFields = Pick<PickupRequest, "location" | "units" | "timeWindows"> & { carrierId?: string };

/**
 * Every problem of one pickup against its scenario, paths prefixed with `path` (e.g. `pickups[3].`).
 * The service area: within `policy.serviceAreaKm` (default 50 km) of a zone, hub site or depot.
 */
const streamSets = new WeakMap<Scenario["streams"], Set<string>>();

export function checkPickup(s: Scenario, p: PickupFields, path: string): InputIssue[] {
  const out: InputIssue[] = [];
  let streams = streamSets.get(s.streams);
  if (!streams) {
    streams = new Set(s.streams.map((x) => x.id));
    streamSets.set(s.streams, streams);
  }
  for (const key of Object.keys(p.units)) {
    if (!streams.has(key)) out.push({ path: `${path}units.${key}`, message: `unknown stream '${key}' (known: ${[...streams].join(", ")})` });
  }
  if (p.carrierId !== undefined && !s.carriers.some((c) => c.id === p.carrierId))
    out.push({ path: `${path}carrierId`, message: `unknown carrier '${p.carrierId}' (known: ${s.carriers.map((c) => c.id).join(", ")})` });
  p.timeWindows.forEach((w, j) => {
    if (clockToSeconds(w.end) < clockToSeconds(w.start))
      out.push({ path: `${path}timeWindows[${j}]`, message: `window closes (${w.end}) before it opens (${w.start})` });
  });
  const reach = s.policy.serviceAreaKm ?? DEFAULT_SERVICE_AREA_KM;
  const near = nearestServedPlace(s, p.location);
  if (near.km > reach)
    out.push({
      path: `${path}location`,
      message: `outside the service area: ${near.km.toFixed(0)} km from the nearest zone, hub site or depot ('${near.id}'); at most ${reach} km (policy.serviceAreaKm)`,
    });
  return out;
}
