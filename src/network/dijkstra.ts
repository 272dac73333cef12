// Single-source (or multi-source) Dijkstra on a CSR graph with an indexed binary heap,
// minimising time and carrying the length of the fastest path. Arrays are reused across runs
// through a generation stamp, so a matrix row costs no allocation and no clearing.
import { IndexedMinHeap, SETTLED } from "./binary-heap.js";
import type { CsrGraph } from "./csr.js";

/** Reusable Dijkstra state over one CSR graph. */
export class ShortestPathTree {
  /** Seconds to each node (valid where `reached(v)`). */
  readonly timeS: Float64Array;
  /** Metres along the fastest path to each node. */
  readonly lengthM: Float64Array;
  /** CSR edge by which each node was reached; -1 at a source. */
  readonly predEdge: Int32Array;
  private readonly stamp: Uint32Array;
  private readonly targetStamp: Uint32Array;
  private readonly heap: IndexedMinHeap;
  private gen = 0;

  constructor(private readonly g: CsrGraph) {
    const n = g.nodeCount;
    this.timeS = new Float64Array(n);
    this.lengthM = new Float64Array(n);
    this.predEdge = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    this.targetStamp = new Uint32Array(n);
    this.heap = new IndexedMinHeap(n, this.timeS);
  }

  /** True when the last run reached node `v`. */
  reached(v: number): boolean {
    return this.stamp[v] === this.gen;
  }

  /** Seconds to `v` in the last run, Infinity when not reached. */
  timeTo(v: number): number {
    return this.stamp[v] === this.gen ? this.timeS[v] : Infinity;
  }

  /**
   * Runs from sources (node, initial seconds, initial metres; node -1 is skipped) until every
   * target node is settled (all reachable nodes when `targets` holds none).
   */
  run(
    srcNode: ArrayLike<number>,
    srcS: ArrayLike<number>,
    srcM: ArrayLike<number>,
    targets: ArrayLike<number>,
  ): void {
    const gen = ++this.gen;
    const { offsets, targets: heads, durationS, lengthM } = this.g;
    const { timeS, lengthM: len, predEdge, stamp, targetStamp, heap } = this;
    const pos = heap.pos;
    heap.clear();
    let remaining = 0;
    for (let k = 0; k < targets.length; k++) {
      const t = targets[k];
      if (t >= 0 && targetStamp[t] !== gen) {
        targetStamp[t] = gen;
        remaining++;
      }
    }
    const all = remaining === 0;
    for (let k = 0; k < srcNode.length; k++) {
      const v = srcNode[k];
      if (v < 0) continue;
      const fresh = stamp[v] !== gen;
      if (fresh || srcS[k] < timeS[v]) {
        stamp[v] = gen;
        timeS[v] = srcS[k];
        len[v] = srcM[k];
        predEdge[v] = -1;
        if (fresh) heap.insert(v);
        else heap.decrease(v);
      }
    }
    while (heap.size > 0) {
      const u = heap.pop();
      if (!all && targetStamp[u] === gen && --remaining === 0) break;
      const tu = timeS[u];
      const lu = len[u];
      for (let e = offsets[u], end = offsets[u + 1]; e < end; e++) {
        const v = heads[e];
        const t = tu + durationS[e];
        if (stamp[v] !== gen) {
          stamp[v] = gen;
          timeS[v] = t;
          len[v] = lu + lengthM[e];
          predEdge[v] = e;
          heap.insert(v);
        } else if (t < timeS[v] && pos[v] !== SETTLED) {
          timeS[v] = t;
          len[v] = lu + lengthM[e];
          predEdge[v] = e;
          heap.decrease(v);
        }
      }
    }
  }
}
