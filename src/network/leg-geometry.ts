// The drawn path of one leg: from the origin site to its snap point, along the pieces of
// the fastest path on the graph, to the destination's snap point and the site itself,
// as GeoJSON [lon, lat] positions.
import { directLeg, type SnapAnchors } from "./anchors.js";
import type { ModeNetwork } from "./csr.js";
import type { ShortestPathTree } from "./dijkstra.js";
import type { SiteSnap } from "./snap.js";

type Position = [number, number];

/** Positions of piece `p` from offset `fromM` to offset `toM` (metres), reversed when toM < fromM. */
export function pieceSlice(net: ModeNetwork, p: number, fromM: number, toM: number): Position[] {
  const { start, lon, lat, cumM } = net.model.pieces;
  const at = (m: number): Position => {
    let k = start[p];
    while (k < start[p + 1] - 2 && cumM[k + 1] < m) k++;
    const span = cumM[k + 1] - cumM[k];
    const t = span > 0 ? Math.min(1, Math.max(0, (m - cumM[k]) / span)) : 0;
    return [lon[k] + t * (lon[k + 1] - lon[k]), lat[k] + t * (lat[k + 1] - lat[k])];
  };
  const lo = Math.min(fromM, toM);
  const hi = Math.max(fromM, toM);
  const out: Position[] = [at(lo)];
  for (let k = start[p]; k < start[p + 1]; k++) if (cumM[k] > lo && cumM[k] < hi) out.push([lon[k], lat[k]]);
  out.push(at(hi));
  return toM < fromM ? out.reverse() : out;
}

/**
 * Street-following geometry of the fastest leg from site i to site j, or null when j cannot be
 * reached from i. `tree` is run here (from i, until j's arrival nodes are settled).
 */
export function legGeometryOf(
  net: ModeNetwork,
  tree: ShortestPathTree,
  a: SnapAnchors,
  snaps: ReadonlyArray<SiteSnap>,
  i: number,
  j: number,
): Position[] | null {
  const si = snaps[i];
  const sj = snaps[j];
  const path: Position[] = [[si.location.lon, si.location.lat]];
  if (i !== j) {
    tree.run(a.depNode.subarray(2 * i, 2 * i + 2), a.depS.subarray(2 * i, 2 * i + 2), a.depM.subarray(2 * i, 2 * i + 2), a.arrNode.subarray(2 * j, 2 * j + 2));
    let bestS = Infinity;
    let bestK = -1;
    for (let k = 2 * j; k < 2 * j + 2; k++) {
      const v = a.arrNode[k];
      if (v >= 0 && tree.reached(v) && tree.timeS[v] + a.arrS[k] < bestS) {
        bestS = tree.timeS[v] + a.arrS[k];
        bestK = k;
      }
    }
    const direct = directLeg(a, i, j);
    if (direct && direct.s <= bestS) {
      path.push(...pieceSlice(net, si.piece, a.offsetM[i], a.offsetM[j]));
    } else if (bestK < 0) {
      return null;
    } else {
      const edges: number[] = [];
      let v = a.arrNode[bestK];
      while (tree.predEdge[v] >= 0) {
        edges.push(tree.predEdge[v]);
        v = net.edgeSource[tree.predEdge[v]];
      }
      edges.reverse();
      // v is the node the leg joined the graph at: leave i's piece towards it
      const leaveForward = a.depNode[2 * i] === v && (a.depNode[2 * i + 1] !== v || a.depS[2 * i] <= a.depS[2 * i + 1]);
      path.push(...pieceSlice(net, si.piece, a.offsetM[i], leaveForward ? a.pieceLengthM[i] : 0));
      for (const e of edges) {
        const len = net.csr.lengthM[e];
        const fwd = net.edgeForward[e] === 1;
        path.push(...pieceSlice(net, net.edgePiece[e], fwd ? 0 : len, fwd ? len : 0));
      }
      const enterForward = bestK === 2 * j;
      path.push(...pieceSlice(net, sj.piece, enterForward ? 0 : a.pieceLengthM[j], a.offsetM[j]));
    }
  }
  path.push([sj.location.lon, sj.location.lat]);
  return path.filter((p, k) => k === 0 || p[0] !== path[k - 1][0] || p[1] !== path[k - 1][1]);
}
