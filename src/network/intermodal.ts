// The rail matrix between sites: road to a terminal, transfer, rail to another terminal,
// transfer, road to the destination; the fastest such chain for each pair. Terminals are
// where the scenario says road and rail meet.
import type { TravelMatrix } from "../domain/index.js";

/** A terminal's place in the road matrix and the rail matrix, and its transfer time and cost. */
export interface TerminalLink {
  id: string;
  /** Index in the road matrix. */
  road: number;
  /** Index in the rail (terminal-to-terminal) matrix. */
  rail: number;
  transferTimeS: number;
  transferCostUsdPerT: number;
}

/** The rail matrix and, per pair, the terminals it goes through (link indices, -1 when none). */
export interface IntermodalResult {
  matrix: TravelMatrix;
  /** Entry 2(i·n+j) is the loading terminal, 2(i·n+j)+1 the unloading one. */
  via: Int32Array;
}

/**
 * Combines a road matrix over sites (and terminals) with a terminal-to-terminal rail matrix.
 * Rows and columns are the first `siteCount` ids of `road`.
 */
export function intermodalMatrix(
  road: TravelMatrix,
  rail: TravelMatrix,
  links: ReadonlyArray<TerminalLink>,
  siteCount: number,
  method: string,
): IntermodalResult {
  const nr = road.ids.length;
  const nt = rail.ids.length;
  const n = siteCount;
  const durationS = new Float64Array(n * n).fill(Infinity);
  const distanceKm = new Float64Array(n * n).fill(Infinity);
  const railDistanceKm = new Float64Array(n * n).fill(Infinity);
  const via = new Int32Array(2 * n * n).fill(-1);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const ab = a * n + b;
      if (a === b) {
        durationS[ab] = distanceKm[ab] = railDistanceKm[ab] = 0;
        continue;
      }
      for (let x = 0; x < links.length; x++) {
        const t1 = links[x];
        const access = road.durationS[a * nr + t1.road] + t1.transferTimeS;
        if (access === Infinity) continue;
        for (let y = 0; y < links.length; y++) {
          if (x === y) continue;
          const t2 = links[y];
          const s = access + rail.durationS[t1.rail * nt + t2.rail] + t2.transferTimeS + road.durationS[t2.road * nr + b];
          if (s < durationS[ab]) {
            const railKm = rail.distanceKm[t1.rail * nt + t2.rail];
            durationS[ab] = s;
            railDistanceKm[ab] = railKm;
            distanceKm[ab] = road.distanceKm[a * nr + t1.road] + railKm + road.distanceKm[t2.road * nr + b];
            via[2 * ab] = x;
            via[2 * ab + 1] = y;
          }
        }
      }
    }
  }
  const ids = road.ids.slice(0, n);
  const unreachable: TravelMatrix["unreachable"] = [];
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) if (durationS[a * n + b] === Infinity) unreachable.push({ from: ids[a], to: ids[b] });
  }
  return { matrix: { ids, mode: "rail", durationS, distanceKm, railDistanceKm, method, unreachable }, via };
}
