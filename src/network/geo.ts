// Small geodesy helpers shared by the network layer: haversine metres and a local
// equirectangular projection (metres) used to snap points to segments.

const EARTH_RADIUS_M = 6371008.8; // IUGG mean radius
const RAD = Math.PI / 180;

export { haversineM } from "../domain/index.js";

/** Metres per degree of latitude on the mean sphere. */
export const M_PER_DEG = EARTH_RADIUS_M * RAD;

/** Equirectangular projection to metres around latitude `lat0` (accurate over a city). */
export function projector(lat0: number): { x(lon: number): number; y(lat: number): number } {
  const kx = M_PER_DEG * Math.cos(lat0 * RAD);
  return { x: (lon) => lon * kx, y: (lat) => lat * M_PER_DEG };
}
