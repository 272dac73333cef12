// The hot-path graph: compressed sparse rows (offsets, targets, weights) in typed arrays,
// built once from a mode's graphology model. Shortest paths run on this, never on objects.
import type { ModeModel } from "./model-graph.js";

/** Adjacency in CSR form: node i's out-edges are [offsets[i], offsets[i+1]). */
export interface CsrGraph {
  nodeCount: number;
  offsets: Int32Array;
  targets: Int32Array;
  /** Travel time of each edge, seconds. */
  durationS: Float64Array;
  /** Length of each edge, metres. */
  lengthM: Float64Array;
}

/** A mode ready for queries: the model, its CSR graph and the links between them. */
export interface ModeNetwork {
  model: ModeModel;
  csr: CsrGraph;
  /** graphology key of each CSR node. */
  nodeKeys: string[];
  nodeIndex: Map<string, number>;
  /** Tail node of each CSR edge (the CSR itself stores only heads). */
  edgeSource: Int32Array;
  /** Piece each CSR edge follows, and whether in the piece's point order (1) or against (0). */
  edgePiece: Int32Array;
  edgeForward: Uint8Array;
  /** CSR edge along / against each piece, -1 when that direction is not allowed or was dropped. */
  pieceForwardEdge: Int32Array;
  pieceBackwardEdge: Int32Array;
}

/** Builds the CSR arrays and edge/piece links of one mode. */
export function buildModeNetwork(model: ModeModel): ModeNetwork {
  const g = model.graph;
  const nodeKeys = g.nodes();
  const nodeIndex = new Map<string, number>();
  nodeKeys.forEach((k, i) => nodeIndex.set(k, i));
  const n = nodeKeys.length;
  const m = g.size;
  const offsets = new Int32Array(n + 1);
  const targets = new Int32Array(m);
  const durationS = new Float64Array(m);
  const lengthM = new Float64Array(m);
  const edgeSource = new Int32Array(m);
  const edgePiece = new Int32Array(m);
  const edgeForward = new Uint8Array(m);
  const pieceCount = model.pieces.start.length - 1;
  const pieceForwardEdge = new Int32Array(pieceCount).fill(-1);
  const pieceBackwardEdge = new Int32Array(pieceCount).fill(-1);
  let e = 0;
  for (let i = 0; i < n; i++) {
    g.forEachOutEdge(nodeKeys[i], (_edge, attrs, _s, target) => {
      targets[e] = nodeIndex.get(target) as number;
      durationS[e] = attrs.durationS;
      lengthM[e] = attrs.lengthM;
      edgeSource[e] = i;
      edgePiece[e] = attrs.piece;
      edgeForward[e] = attrs.forward ? 1 : 0;
      if (attrs.forward) pieceForwardEdge[attrs.piece] = e;
      else pieceBackwardEdge[attrs.piece] = e;
      e++;
    });
    offsets[i + 1] = e;
  }
  return {
    model,
    csr: { nodeCount: n, offsets, targets, durationS, lengthM },
    nodeKeys,
    nodeIndex,
    edgeSource,
    edgePiece,
    edgeForward,
    pieceForwardEdge,
    pieceBackwardEdge,
  };
}
