// Fallback travel figures when a scenario has no network file: great-circle distance
// times a circuity factor, at a constant speed. Default circuity 1.2 (see README).
import type { Location, TravelMatrix } from "../domain/index.js";
import { haversineM } from "./geo.js";

/** Great-circle (haversine) distance between two points, km. */
export function haversineKm(a: Location, b: Location): number {
  return haversineM(a.lat, a.lon, b.lat, b.lon) / 1000;
}

/**
 * Symmetric matrix of great-circle km × `circuity`, and seconds at `speedKmh`.
 * @param sites ids and locations, in matrix order
 */
export function greatCircleMatrix(
  sites: ReadonlyArray<{ id: string; location: Location }>,
  circuity: number,
  speedKmh: number,
): TravelMatrix {
  const n = sites.length;
  const distanceKm = new Float64Array(n * n);
  const durationS = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const km = haversineKm(sites[i].location, sites[j].location) * circuity;
      const s = (km / speedKmh) * 3600;
      distanceKm[i * n + j] = distanceKm[j * n + i] = km;
      durationS[i * n + j] = durationS[j * n + i] = s;
    }
  }
  return {
    ids: sites.map((s) => s.id),
    mode: "road",
    distanceKm,
    durationS,
    method: `great-circle x ${circuity} at ${speedKmh} km/h`,
    unreachable: [],
  };
}
