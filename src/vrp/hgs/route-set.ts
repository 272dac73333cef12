// Routes as doubly linked lists over flat arrays, with prefix and suffix segments per node so
// a move between two routes is priced in O(1). Customers are nodes 0..n-1; route r starts at
// node n+r and ends at node n+R+r (depot copies, as in HGS-CVRP).
import type { ClassicData } from "./classic-data.js";
import { concat, penalisedCost, Segment, visit } from "./segment.js";

/** Segment fields stored per node: dist, load, dur, tw, e, l. */
const F = 6;

/** Linked-list routes with per-node prefix/suffix segments (see the file header). */
export class RouteSet {
  readonly n: number;
  readonly nRoutes: number;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  readonly routeOf: Int32Array;
  readonly pos: Int32Array;
  /** Segment depot..x (pre) and x..depot (suf) of each node, F fields each. */
  private readonly pre: Float64Array;
  private readonly suf: Float64Array;
  readonly routeCost: Float64Array;
  /** Penalty part of routeCost (capacity excess and time warp), and the route's load. */
  readonly routePenalty: Float64Array;
  readonly routeLoad: Float64Array;
  readonly routeSize: Int32Array;
  /** Location of every node (customers, then depot copies). */
  readonly locs: Int32Array;
  /** Distances between nodes (customers and depot copies), row-major over `nodes`: saves the location lookups. */
  readonly nd: Float64Array;
  readonly nodes: number;
  /** Bumped whenever route r changes (lets callers cache per-route figures). */
  readonly routeStamp: Float64Array;
  private stamp = 1;
  capPenalty = 1;
  twPenalty = 1;
  private readonly a = new Segment();
  private readonly b = new Segment();

  constructor(readonly data: ClassicData, nRoutes: number) {
    this.n = data.n;
    this.nRoutes = nRoutes;
    const nodes = data.n + 2 * nRoutes;
    this.next = new Int32Array(nodes);
    this.prev = new Int32Array(nodes);
    this.routeOf = new Int32Array(nodes);
    this.pos = new Int32Array(nodes);
    this.pre = new Float64Array(nodes * F);
    this.suf = new Float64Array(nodes * F);
    this.routeCost = new Float64Array(nRoutes);
    this.routePenalty = new Float64Array(nRoutes);
    this.routeLoad = new Float64Array(nRoutes);
    this.routeSize = new Int32Array(nRoutes);
    this.routeStamp = new Float64Array(nRoutes);
    this.locs = new Int32Array(nodes).fill(data.depot);
    this.locs.set(data.loc.subarray(0, data.n));
    this.nodes = nodes;
    this.nd = new Float64Array(nodes * nodes);
    for (let x = 0; x < nodes; x++) {
      const row = this.locs[x] * data.nLoc;
      for (let y = 0; y < nodes; y++) this.nd[x * nodes + y] = data.dist[row + this.locs[y]];
    }
  }

  startOf(r: number): number {
    return this.n + r;
  }

  endOf(r: number): number {
    return this.n + this.nRoutes + r;
  }

  isDepot(x: number): boolean {
    return x >= this.n;
  }

  /** Links `routes` (customer lists, at most nRoutes) and prices them. */
  load(routes: ReadonlyArray<ArrayLike<number>>): void {
    for (let r = 0; r < this.nRoutes; r++) {
      let prev = this.startOf(r);
      const seq = r < routes.length ? routes[r] : [];
      for (let k = 0; k < seq.length; k++) {
        const c = seq[k];
        this.next[prev] = c;
        this.prev[c] = prev;
        prev = c;
      }
      this.next[prev] = this.endOf(r);
      this.prev[this.endOf(r)] = prev;
      this.update(r);
    }
  }

  /** Recomputes positions, segments and cost of route r after its links changed. */
  update(r: number): void {
    this.routeStamp[r] = ++this.stamp;
    const d = this.data;
    const seg = this.a;
    const one = this.b;
    let x = this.startOf(r);
    visit(d, x, seg);
    let p = 0;
    for (;;) {
      this.routeOf[x] = r;
      this.pos[x] = p++;
      this.store(this.pre, x, seg);
      if (x === this.endOf(r)) break;
      x = this.next[x];
      concat(d, seg, visit(d, x, one), seg);
    }
    this.routeSize[r] = p - 2;
    this.routeCost[r] = penalisedCost(d, seg, this.capPenalty, this.twPenalty);
    this.routePenalty[r] = this.routeCost[r] - seg.dist;
    this.routeLoad[r] = seg.load;
    visit(d, x, seg);
    this.store(this.suf, x, seg);
    while (x !== this.startOf(r)) {
      x = this.prev[x];
      visit(d, x, one);
      // one ⊕ seg, written into seg through a copy
      concat(d, one, seg, one);
      seg.copyFrom(one);
      this.store(this.suf, x, seg);
    }
  }

  /** Re-prices every route (after a penalty change). */
  updateAll(): void {
    for (let r = 0; r < this.nRoutes; r++) this.update(r);
  }

  private store(arr: Float64Array, x: number, s: Segment): void {
    const k = x * F;
    arr[k] = s.dist;
    arr[k + 1] = s.load;
    arr[k + 2] = s.dur;
    arr[k + 3] = s.tw;
    arr[k + 4] = s.e;
    arr[k + 5] = s.l;
  }

  private read(arr: Float64Array, x: number, first: number, last: number, out: Segment): Segment {
    const k = x * F;
    out.first = first;
    out.last = last;
    out.dist = arr[k];
    out.load = arr[k + 1];
    out.dur = arr[k + 2];
    out.tw = arr[k + 3];
    out.e = arr[k + 4];
    out.l = arr[k + 5];
    return out;
  }

  /** Distance between the locations of nodes x and y. */
  d(x: number, y: number): number {
    return this.nd[x * this.nodes + y];
  }

  /** Capacity penalty of a route carrying `load`. */
  loadPenalty(load: number): number {
    const excess = load - this.data.capacity;
    return excess > 0 ? this.capPenalty * excess : 0;
  }

  /** Location of node x. */
  locOf(x: number): number {
    return this.locs[x];
  }

  /** Segment from the route's start depot to x, inclusive. */
  prefix(x: number, out: Segment): Segment {
    return this.read(this.pre, x, this.data.depot, this.locOf(x), out);
  }

  /** Segment from x to the route's end depot, inclusive. */
  suffix(x: number, out: Segment): Segment {
    return this.read(this.suf, x, this.locOf(x), this.data.depot, out);
  }

  /** Penalised cost of a whole-route segment under the current penalties. */
  cost(s: Segment): number {
    return penalisedCost(this.data, s, this.capPenalty, this.twPenalty);
  }

  /** Unlinks customer x from its route (route data are stale until update). */
  remove(x: number): void {
    const p = this.prev[x];
    const q = this.next[x];
    this.next[p] = q;
    this.prev[q] = p;
  }

  /** Links customer x right after node y (route data are stale until update). */
  insertAfter(x: number, y: number): void {
    const q = this.next[y];
    this.next[y] = x;
    this.prev[x] = y;
    this.next[x] = q;
    this.prev[q] = x;
  }

  /** Customers of route r in order, written to `buf`; returns how many. */
  sequence(r: number, buf: Int32Array): number {
    let k = 0;
    for (let x = this.next[this.startOf(r)]; x < this.n; x = this.next[x]) buf[k++] = x;
    return k;
  }

  /** Replaces route r's order with `buf[0..len)` and updates it. */
  relink(r: number, buf: Int32Array, len: number): void {
    let prev = this.startOf(r);
    for (let k = 0; k < len; k++) {
      this.next[prev] = buf[k];
      this.prev[buf[k]] = prev;
      prev = buf[k];
    }
    this.next[prev] = this.endOf(r);
    this.prev[this.endOf(r)] = prev;
    this.update(r);
  }

  /** Penalised cost of visiting `buf[0..len)` as one route (O(len)). */
  priceSequence(buf: Int32Array, len: number): number {
    const d = this.data;
    const seg = this.a;
    const one = this.b;
    visit(d, d.n, seg);
    for (let k = 0; k < len; k++) concat(d, seg, visit(d, buf[k], one), seg);
    concat(d, seg, visit(d, d.n, one), seg);
    return this.cost(seg);
  }

  /** Non-empty routes as customer lists. */
  toRoutes(): number[][] {
    const out: number[][] = [];
    for (let r = 0; r < this.nRoutes; r++) {
      const seq: number[] = [];
      for (let x = this.next[this.startOf(r)]; x < this.n; x = this.next[x]) seq.push(x);
      if (seq.length > 0) out.push(seq);
    }
    return out;
  }

  totalCost(): number {
    let c = 0;
    for (let r = 0; r < this.nRoutes; r++) c += this.routeCost[r];
    return c;
  }
}
