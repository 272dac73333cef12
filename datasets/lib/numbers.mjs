// Rounding and distance helpers shared by the build and the generator.
// Rounding keeps scenario files readable and byte-stable across platforms.

/** Rounds to `digits` decimals (half away from zero as toFixed does), returning a number. */
export function round(x, digits) {
  return Number(x.toFixed(digits));
}

/** Great-circle distance in km between two {lat, lon} points (haversine, mean Earth radius 6371 km). */
export function greatCircleKm(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** "1,234,567" for whole numbers, as written in sources. */
export function grouped(x) {
  return Math.round(x).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
