// The rail matrix between sites: road to a terminal, transfer, rail to another terminal,
// transfer, road to the destination; the fastest such chain for each pair. Terminals are
// where the scenario says road and rail meet.
import type { TravelMatrix } from "../domain/index.js";

/** A terminal's place in the road matrix and the rail matrix, and its transfer time. */
export interface TerminalLink {
  id: string;
  /** Index in the road matrix. */
  road: number;
  /** Index in the rail (terminal-to-terminal) matrix. */
  rail: number;
  transferTimeS: number;
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
): TravelMatrix {
  const nr = road.ids.length;
  const nt = rail.ids.length;
  const n = siteCount;
  const durationS = new Float64Array(n * n).fill(Infinity);
  const distanceKm = new Float64Array(n * n).fill(Infinity);
  const railDistanceKm = new Float64Array(n * n).fill(Infinity);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      if (a === b) {
        durationS[a * n + b] = distanceKm[a * n + b] = railDistanceKm[a * n + b] = 0;
        continue;
      }
      let best = Infinity;
      for (const t1 of links) {
        const access = road.durationS[a * nr + t1.road] + t1.transferTimeS;
        if (access === Infinity) continue;
        for (const t2 of links) {
          if (t1 === t2) continue;
          const s =
            access + rail.durationS[t1.rail * nt + t2.rail] + t2.transferTimeS + road.durationS[t2.road * nr + b];
          if (s < best) {
            best = s;
            const railKm = rail.distanceKm[t1.rail * nt + t2.rail];
            durationS[a * n + b] = s;
            railDistanceKm[a * n + b] = railKm;
            distanceKm[a * n + b] = road.distanceKm[a * nr + t1.road] + railKm + road.distanceKm[t2.road * nr + b];
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
  return { ids, mode: "rail", durationS, distanceKm, railDistanceKm, method, unreachable };
}
