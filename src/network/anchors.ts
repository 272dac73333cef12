// Snapped sites as typed arrays for the matrix: up to two ways to leave a site onto the graph
// (to the piece's end node, or back to its start node on a two-way street), two ways to arrive,
// and the piece and offset for a leg that stays on one piece. Plain arrays, so they transfer to workers.
import type { ModeNetwork } from "./csr.js";
import type { SiteSnap } from "./snap.js";

/** Per site i, slots 2i and 2i+1; node -1 marks an unused slot. */
export interface SnapAnchors {
  count: number;
  depNode: Int32Array;
  depS: Float64Array;
  depM: Float64Array;
  arrNode: Int32Array;
  arrS: Float64Array;
  arrM: Float64Array;
  /** Piece of each site, its offset along it (m), its length (m), and the seconds to run it
   * forward / backward (NaN when that direction is not allowed). */
  piece: Int32Array;
  offsetM: Float64Array;
  pieceLengthM: Float64Array;
  forwardS: Float64Array;
  backwardS: Float64Array;
}

/** Builds the departure/arrival anchors of snapped sites on one mode. */
export function buildAnchors(net: ModeNetwork, snaps: ReadonlyArray<SiteSnap>): SnapAnchors {
  const n = snaps.length;
  const a: SnapAnchors = {
    count: n,
    depNode: new Int32Array(2 * n).fill(-1),
    depS: new Float64Array(2 * n),
    depM: new Float64Array(2 * n),
    arrNode: new Int32Array(2 * n).fill(-1),
    arrS: new Float64Array(2 * n),
    arrM: new Float64Array(2 * n),
    piece: new Int32Array(n),
    offsetM: new Float64Array(n),
    pieceLengthM: new Float64Array(n),
    forwardS: new Float64Array(n).fill(NaN),
    backwardS: new Float64Array(n).fill(NaN),
  };
  const { start, cumM } = net.model.pieces;
  const { targets, durationS, lengthM } = net.csr;
  snaps.forEach((s, i) => {
    const p = s.piece;
    const len = cumM[start[p + 1] - 1];
    const off = Math.min(len, Math.max(0, s.offsetM));
    const f = len > 0 ? off / len : 0;
    a.piece[i] = p;
    a.offsetM[i] = off;
    a.pieceLengthM[i] = len;
    const fe = net.pieceForwardEdge[p];
    const be = net.pieceBackwardEdge[p];
    if (fe >= 0) {
      // along the piece: leave to its end node, arrive from its start node
      a.forwardS[i] = durationS[fe];
      a.depNode[2 * i] = targets[fe];
      a.depS[2 * i] = (1 - f) * durationS[fe];
      a.depM[2 * i] = (1 - f) * lengthM[fe];
      a.arrNode[2 * i] = net.edgeSource[fe];
      a.arrS[2 * i] = f * durationS[fe];
      a.arrM[2 * i] = f * lengthM[fe];
    }
    if (be >= 0) {
      a.backwardS[i] = durationS[be];
      a.depNode[2 * i + 1] = targets[be];
      a.depS[2 * i + 1] = f * durationS[be];
      a.depM[2 * i + 1] = f * lengthM[be];
      a.arrNode[2 * i + 1] = net.edgeSource[be];
      a.arrS[2 * i + 1] = (1 - f) * durationS[be];
      a.arrM[2 * i + 1] = (1 - f) * lengthM[be];
    }
  });
  return a;
}

/**
 * Seconds and metres of a leg that stays on one piece, or null when i and j are on different
 * pieces or the direction is not allowed.
 */
export function directLeg(a: SnapAnchors, i: number, j: number): { s: number; m: number } | null {
  if (a.piece[i] !== a.piece[j]) return null;
  const d = a.offsetM[j] - a.offsetM[i];
  const len = a.pieceLengthM[i];
  if (len <= 0) return { s: 0, m: 0 };
  if (d >= 0 && !Number.isNaN(a.forwardS[i])) return { s: (d / len) * a.forwardS[i], m: d };
  if (d <= 0 && !Number.isNaN(a.backwardS[i])) return { s: (-d / len) * a.backwardS[i], m: -d };
  return null;
}
