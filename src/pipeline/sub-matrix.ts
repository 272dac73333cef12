// Restricting a travel matrix to a subset of its sites (siting needs only zones, hubs, offtakers, terminals).
import type { TravelMatrix } from "../domain/index.js";

/** The rows and columns of `ids`, in that order. @throws Error when an id is not in `m`. */
export function subMatrix(m: TravelMatrix, ids: string[]): TravelMatrix {
  const n = m.ids.length;
  const pos = new Map(m.ids.map((id, i) => [id, i]));
  const idx = ids.map((id) => {
    const i = pos.get(id);
    if (i === undefined) throw new Error(`travel matrix has no site '${id}'`);
    return i;
  });
  const k = ids.length;
  const pick = (src: Float64Array): Float64Array => {
    const out = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) out[a * k + b] = src[idx[a] * n + idx[b]];
    return out;
  };
  const keep = new Set(ids);
  return {
    ids: [...ids],
    mode: m.mode,
    durationS: pick(m.durationS),
    distanceKm: pick(m.distanceKm),
    ...(m.railDistanceKm ? { railDistanceKm: pick(m.railDistanceKm) } : {}),
    ...(m.costUsdPerT ? { costUsdPerT: pick(m.costUsdPerT) } : {}),
    ...(m.co2KgPerT ? { co2KgPerT: pick(m.co2KgPerT) } : {}),
    method: m.method,
    unreachable: m.unreachable.filter((u) => keep.has(u.from) && keep.has(u.to)),
    snapDistanceM: m.snapDistanceM ? Float64Array.from(idx, (i) => m.snapDistanceM![i]) : undefined,
  };
}
