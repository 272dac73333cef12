// An indexed binary min-heap of graph nodes on typed arrays, keyed by an external array of
// tentative times, with decrease-key: each node is in the heap at most once, so the heap stays
// as small as the search frontier.

/** Position marking a node that has left the heap (settled). */
export const SETTLED = -2;

/** Min-heap of node ids 0..n-1 ordered by `keys[node]`. */
export class IndexedMinHeap {
  private readonly heap: Int32Array;
  /** Index of each node in `heap`, or SETTLED; valid only for nodes inserted since `clear`. */
  readonly pos: Int32Array;
  size = 0;

  constructor(
    n: number,
    private readonly keys: Float64Array,
  ) {
    this.heap = new Int32Array(Math.max(1, n));
    this.pos = new Int32Array(Math.max(1, n));
  }

  clear(): void {
    this.size = 0;
  }

  /** Adds a node whose key is already set. */
  insert(v: number): void {
    this.heap[this.size] = v;
    this.pos[v] = this.size;
    this.up(this.size++);
  }

  /** Restores order after the key of node `v` (in the heap) went down. */
  decrease(v: number): void {
    this.up(this.pos[v]);
  }

  /** Removes and returns the node with the smallest key; marks it SETTLED. */
  pop(): number {
    const heap = this.heap;
    const top = heap[0];
    this.pos[top] = SETTLED;
    const n = --this.size;
    if (n > 0) {
      heap[0] = heap[n];
      this.pos[heap[0]] = 0;
      this.down(0);
    }
    return top;
  }

  private up(i: number): void {
    const { heap, pos, keys } = this;
    const v = heap[i];
    const k = keys[v];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pv = heap[p];
      if (keys[pv] <= k) break;
      heap[i] = pv;
      pos[pv] = i;
      i = p;
    }
    heap[i] = v;
    pos[v] = i;
  }

  private down(i: number): void {
    const { heap, pos, keys } = this;
    const n = this.size;
    const v = heap[i];
    const k = keys[v];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && keys[heap[c + 1]] < keys[heap[c]]) c++;
      const cv = heap[c];
      if (keys[cv] >= k) break;
      heap[i] = cv;
      pos[cv] = i;
      i = c;
    }
    heap[i] = v;
    pos[v] = i;
  }
}
