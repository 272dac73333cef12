// Travel matrices: the one shape in which network results reach siting and routing.
// Flat row-major typed arrays (transferable to workers); Infinity marks an unreachable pair.

/** Travel between every pair of `ids` for one mode. Entry (i, j) is at `i * ids.length + j`. */
export interface TravelMatrix {
  ids: string[];
  mode: "road" | "rail";
  /** Seconds from row site to column site. */
  durationS: Float64Array;
  /** Kilometres from row site to column site. */
  distanceKm: Float64Array;
  /** How the figures were obtained, e.g. "great-circle x 1.2 at 40 km/h" or "osm:baltimore.osm.pbf". */
  method: string;
  /** Pairs with no route, by id (empty when all are reachable). */
  unreachable: Array<{ from: string; to: string }>;
  /** Straight-line distance from each site to where it was snapped on the network, metres (0 on the fallback). */
  snapDistanceM?: Float64Array;
  /** Of `distanceKm`, the kilometres run by rail (rail matrices only; the rest is road access to terminals). */
  railDistanceKm?: Float64Array;
  /** Line-haul cost of moving one tonne from row site to column site, USD (when transport factors were given). */
  costUsdPerT?: Float64Array;
  /** CO2 of moving one tonne from row site to column site, kg (when transport factors were given). */
  co2KgPerT?: Float64Array;
}

/** Index of `id` in the matrix; throws when it is not there. */
export function matrixIndex(m: TravelMatrix, id: string): number {
  const i = m.ids.indexOf(id);
  if (i < 0) throw new Error(`matrix has no site '${id}'`);
  return i;
}
