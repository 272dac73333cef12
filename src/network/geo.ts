// Small geodesy helpers shared by the network layer: haversine metres and a local
// equirectangular projection (metres) used to snap points to segments.

const EARTH_RADIUS_M = 6371008.8; // IUGG mean radius
const RAD = Math.PI / 180;

/** Great-circle distance between two WGS 84 points, metres. */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Metres per degree of latitude on the mean sphere. */
export const M_PER_DEG = EARTH_RADIUS_M * RAD;

/** Equirectangular projection to metres around latitude `lat0` (accurate over a city). */
export function projector(lat0: number): { x(lon: number): number; y(lat: number): number } {
  const kx = M_PER_DEG * Math.cos(lat0 * RAD);
  return { x: (lon) => lon * kx, y: (lat) => lat * M_PER_DEG };
}
