// Matrix rows: one Dijkstra per origin site on the CSR graph, read at every destination's
// arrival anchors. Pure function of typed arrays, run in-process or inside a pool worker.
import { directLeg, type SnapAnchors } from "./anchors.js";
import type { CsrGraph } from "./csr.js";
import { ShortestPathTree } from "./dijkstra.js";

/** Rows [rowStart, rowEnd) of the time (s) and distance (km) matrix; Infinity where unreachable. */
export interface MatrixRows {
  rowStart: number;
  rowEnd: number;
  durationS: Float64Array;
  distanceKm: Float64Array;
}

/** Computes rows [rowStart, rowEnd) against every site as destination. */
export function computeMatrixRows(g: CsrGraph, a: SnapAnchors, rowStart: number, rowEnd: number): MatrixRows {
  const n = a.count;
  const rows = rowEnd - rowStart;
  const durationS = new Float64Array(rows * n);
  const distanceKm = new Float64Array(rows * n);
  const tree = new ShortestPathTree(g);
  const { arrNode, arrS, arrM } = a;
  for (let i = rowStart; i < rowEnd; i++) {
    tree.run(a.depNode.subarray(2 * i, 2 * i + 2), a.depS.subarray(2 * i, 2 * i + 2), a.depM.subarray(2 * i, 2 * i + 2), arrNode);
    const base = (i - rowStart) * n;
    for (let j = 0; j < n; j++) {
      let bestS = Infinity;
      let bestM = Infinity;
      if (i === j) {
        bestS = 0;
        bestM = 0;
      } else {
        for (let k = 2 * j; k < 2 * j + 2; k++) {
          const v = arrNode[k];
          if (v < 0 || !tree.reached(v)) continue;
          const s = tree.timeS[v] + arrS[k];
          if (s < bestS) {
            bestS = s;
            bestM = tree.lengthM[v] + arrM[k];
          }
        }
        const direct = directLeg(a, i, j);
        if (direct && direct.s < bestS) {
          bestS = direct.s;
          bestM = direct.m;
        }
      }
      durationS[base + j] = bestS;
      distanceKm[base + j] = bestM / 1000;
    }
  }
  return { rowStart, rowEnd, durationS, distanceKm };
}

/** What a pool worker receives for a block of rows. */
export interface MatrixRowsTask {
  graph: CsrGraph;
  anchors: SnapAnchors;
  rowStart: number;
  rowEnd: number;
}
