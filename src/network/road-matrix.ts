// The matrix of one mode between snapped sites: anchors, rows (in-process or through a row
// runner such as the worker pool), and unreachable pairs named by id. Results are cached per
// network, mode and site list, so the same matrix is not computed twice in a process.
import type { TravelMatrix } from "../domain/index.js";
import { buildAnchors, type SnapAnchors } from "./anchors.js";
import type { CsrGraph } from "./csr.js";
import type { LoadedMode } from "./load-network.js";
import { computeMatrixRows, type MatrixRows } from "./matrix-rows.js";
import type { SiteSnap } from "./snap.js";

/** Computes all rows of a matrix; the default runs them in this thread. */
export type RowRunner = (g: CsrGraph, a: SnapAnchors) => Promise<MatrixRows[]>;

/** Runs every row in the calling thread. */
export const inProcessRows: RowRunner = async (g, a) => [computeMatrixRows(g, a, 0, a.count)];

const cache = new Map<string, TravelMatrix>();
/** Matrix cells kept in the cache at most (two Float64 arrays each: 4M cells = 64 MB). */
const CACHE_CELLS = 4_000_000;
let cachedCells = 0;

/**
 * Time and distance between every pair of snapped sites on one mode.
 * Unreachable pairs hold Infinity and are listed by id in `unreachable`.
 */
export async function modeMatrix(
  mode: LoadedMode,
  snaps: ReadonlyArray<SiteSnap>,
  method: string,
  networkKey: string,
  runRows: RowRunner = inProcessRows,
): Promise<TravelMatrix> {
  const key = JSON.stringify([networkKey, mode.model.mode, snaps.map((s) => [s.id, s.location.lat, s.location.lon])]);
  const hit = cache.get(key);
  if (hit) return copyMatrix(hit);
  const anchors = buildAnchors(mode, snaps);
  const n = snaps.length;
  const durationS = new Float64Array(n * n);
  const distanceKm = new Float64Array(n * n);
  for (const part of await runRows(mode.csr, anchors)) {
    durationS.set(part.durationS, part.rowStart * n);
    distanceKm.set(part.distanceKm, part.rowStart * n);
  }
  const ids = snaps.map((s) => s.id);
  const unreachable: TravelMatrix["unreachable"] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (durationS[i * n + j] === Infinity) unreachable.push({ from: ids[i], to: ids[j] });
  }
  const matrix: TravelMatrix = {
    ids,
    mode: mode.model.mode,
    durationS,
    distanceKm,
    method,
    unreachable,
    snapDistanceM: Float64Array.from(snaps, (s) => s.snapDistanceM),
  };
  remember(key, matrix);
  return copyMatrix(matrix);
}

/** Forgets cached matrices. */
export function clearMatrixCache(): void {
  cache.clear();
  cachedCells = 0;
}

function remember(key: string, m: TravelMatrix): void {
  const cells = m.durationS.length;
  const same = cache.get(key);
  if (same) {
    cache.delete(key);
    cachedCells -= same.durationS.length;
  }
  if (cells > CACHE_CELLS) return;
  for (const [k, old] of cache) {
    if (cachedCells + cells <= CACHE_CELLS) break;
    cache.delete(k);
    cachedCells -= old.durationS.length;
  }
  cache.set(key, m);
  cachedCells += cells;
}

// callers may write into their matrix; the cached one stays intact
function copyMatrix(m: TravelMatrix): TravelMatrix {
  return {
    ...m,
    ids: [...m.ids],
    durationS: m.durationS.slice(),
    distanceKm: m.distanceKm.slice(),
    unreachable: m.unreachable.map((u) => ({ ...u })),
    ...(m.snapDistanceM ? { snapDistanceM: m.snapDistanceM.slice() } : {}),
  };
}
