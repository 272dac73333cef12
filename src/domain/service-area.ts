// The service area of a scenario and the checks every pickup passes, whether it comes in the
// scenario file or is registered over HTTP: known streams and carrier, at least one device,
// time windows that open before they close, and a location inside the service area.
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

/** Straight-line km from `at` to the nearest zone, candidate hub site or carrier depot, with that place's id. */
export function nearestServedPlace(s: Scenario, at: Location): { id: string; km: number } {
  let best = { id: "", km: Infinity };
  const places = [...s.zones, ...s.hubSites, ...s.carriers.flatMap((c) => c.depots)];
  for (const p of places) {
    const km = haversineM(at.lat, at.lon, p.location.lat, p.location.lon) / 1000;
    if (km < best.km) best = { id: p.id, km };
  }
  return best;
}

/** What a pickup is checked on (a scenario pickup, or a registration before it has a day). */
export type PickupFields = Pick<PickupRequest, "location" | "units" | "timeWindows"> & { carrierId?: string };

/**
 * Every problem of one pickup against its scenario, paths prefixed with `path` (e.g. `pickups[3].`).
 * The service area: within `policy.serviceAreaKm` (default 50 km) of a zone, hub site or depot.
 */
export function checkPickup(s: Scenario, p: PickupFields, path: string): InputIssue[] {
  const out: InputIssue[] = [];
  const streams = new Set(s.streams.map((x) => x.id));
  let devices = 0;
  for (const [key, n] of Object.entries(p.units)) {
    if (!streams.has(key)) out.push({ path: `${path}units.${key}`, message: `unknown stream '${key}' (known: ${[...streams].join(", ")})` });
    devices += n;
  }
  if (devices === 0 && out.length === 0) out.push({ path: `${path}units`, message: "no devices: give at least one unit" });
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
