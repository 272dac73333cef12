// Routes as doubly linked lists over flat arrays, with prefix and suffix segments per node so
// a move between two routes is priced in O(1). Customers are nodes 0..n-1; route r starts at
// node n+r and ends at node n+R+r (depot copies, as in HGS-CVRP). Route r is driven by vehicle
// r (its depots, shift, capacity, costs and speed profile: every segment of route r is priced
// with `on(r)`); tails (suffixes without the end depot) let a route take another route's
// customers home to its own end depot.
import { type HgsData, viewFor } from "./hgs-data.js";
import { concat, loadExcess, newSegment, penalisedCost, routeObjective, type Segment, timeExcess, visitCustomer, visitDepot } from "./segment.js";

/**
 * Segment fields stored per node: dist, dur, tw, count (together: what lbRoute reads, one cache
 * line mostly), load, e, l, mask, then dimensions 1..., then the further mask words.
 */
const F = 8;
/**
 * With breaks, setup, tags or shipments, after those: first, last, core, the leading breaks, the
 * setup schedule, tags, the shipment keys, then the peak load in every dimension.
 */
const RICH = 15;
/** With unload trips, after the mask words: trips, head, over, uv, then the head in dimensions 1... */
const TRIPS = 4;
/** With unload trips and breaks, setup, tags or shipments, after all those: the head part's peak, tags, shipment keys, the trips' conflicts and splits, then the head's peak in dimensions 1... */
const RICH_TRIPS = 6;

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
  /** Segment x..last customer of x's route (no end depot); only when vehicles differ. */
  private readonly tl: Float64Array;
  private readonly f: number;
  readonly routeCost: Float64Array;
  /** Penalty part of routeCost (capacity excess and time warp), and the route's load. */
  readonly routePenalty: Float64Array;
  readonly routeLoad: Float64Array;
  /** Waiting time on route r (its duration less travel and service), seconds. */
  readonly routeWait: Float64Array;
  /** Travel and service time from its route's start to each node, its own service included (set by update when travel times are kept). */
  private readonly work: Float64Array;
  /** Load-type excess of route r (capacity, tasks, skills; see loadExcess): a move inside the route keeps it. */
  private readonly routeExcess: Float64Array;
  readonly routeSize: Int32Array;
  /** Location of every node (customers, then depot copies). */
  readonly locs: Int32Array;
  /**
   * Distances between nodes (customers and depot copies), row-major over `nodes`: saves the
   * location lookups. In single precision when the data's are (see HgsData.dist): the same
   * figures in half the memory (X-n1001-k43: 5 MB instead of 10, read at random by every move).
   */
  readonly nd: Float64Array | Float32Array;
  /**
   * Distance and travel time between nodes, interleaved (2·(x·nodes + y) and the next): a leg's
   * two figures in one cache line for the bounds; empty when no figure needs travel times.
   */
  private readonly dt: Float64Array;
  /** `dt` is kept; and d() reads it (vehicle-bound routes). */
  private readonly timed: boolean;
  private readonly paired: boolean;
  /** Distance from each node to its successor (set by update; SWAP*'s insertion costs read it). */
  readonly nextDist: Float64Array;
  readonly nodes: number;
  /** Bumped whenever route r changes (lets callers cache per-route figures). */
  readonly routeStamp: Float64Array;
  private stamp = 1;
  capPenalty = 1;
  twPenalty = 1;
  private readonly a: Segment;
  private readonly b: Segment;
  private readonly sc: Segment;
  private readonly sd: Segment;
  /**
   * Stored segments carry more than the F plain fields (several load dimensions or skill-mask
   * words, unload trips, breaks or setup): else store and read skip those branches.
   */
  private readonly wide: boolean;

  constructor(readonly data: HgsData, nRoutes: number) {
    this.n = data.n;
    this.nRoutes = nRoutes;
    const nodes = data.n + 2 * nRoutes;
    this.next = new Int32Array(nodes);
    this.prev = new Int32Array(nodes);
    this.routeOf = new Int32Array(nodes);
    this.pos = new Int32Array(nodes);
    this.f = F + data.nDims - 1 + data.maskWords - 1 + (data.hasTrips ? TRIPS + data.nDims - 1 : 0) + (data.rich ? RICH + data.nDims : 0) + (data.rich && data.hasTrips ? RICH_TRIPS + data.nDims - 1 : 0);
    this.wide = this.f > F || data.hasTrips || data.rich;
    this.pre = new Float64Array(nodes * this.f);
    this.suf = new Float64Array(nodes * this.f);
    this.tl = new Float64Array(data.giantTour ? 0 : nodes * this.f);
    this.a = newSegment(data);
    this.b = newSegment(data);
    this.sc = newSegment(data);
    this.sd = newSegment(data);
    this.routeCost = new Float64Array(nRoutes);
    this.routePenalty = new Float64Array(nRoutes);
    this.routeLoad = new Float64Array(nRoutes);
    this.routeWait = new Float64Array(nRoutes);
    this.work = new Float64Array(nodes);
    this.routeExcess = new Float64Array(nRoutes);
    this.routeSize = new Int32Array(nRoutes);
    this.routeStamp = new Float64Array(nRoutes);
    this.locs = new Int32Array(nodes).fill(data.depot);
    this.locs.set(data.loc.subarray(0, data.n));
    for (let r = 0; r < nRoutes; r++) {
      this.locs[this.n + r] = data.startLoc[this.vehicle(r)];
      this.locs[this.n + nRoutes + r] = data.vEnd[this.vehicle(r)];
    }
    this.nodes = nodes;
    this.boundable = !data.giantTour && !data.rich && !data.hasTrips && !data.hasShipments && data.views.length === 1;
    this.nd = data.dist instanceof Float32Array ? new Float32Array(nodes * nodes) : new Float64Array(nodes * nodes);
    this.nextDist = new Float64Array(nodes);
    this.timed = !data.giantTour || data.hasTimeWindows;
    this.paired = !data.giantTour;
    this.dt = new Float64Array(this.timed ? 2 * nodes * nodes : 0);
    for (let x = 0; x < nodes; x++) {
      const row = this.locs[x] * data.nLoc;
      for (let y = 0; y < nodes; y++) this.nd[x * nodes + y] = data.dist[row + this.locs[y]];
      if (this.dt.length > 0) {
        for (let y = 0; y < nodes; y++) {
          this.dt[2 * (x * nodes + y)] = data.dist[row + this.locs[y]];
          this.dt[2 * (x * nodes + y) + 1] = data.time[row + this.locs[y]];
        }
      }
    }
  }

  /** Vehicle driving route r. */
  vehicle(r: number): number {
    return r < this.data.nVehicles ? r : 0;
  }

  /** The data as route r's vehicle prices travel (its speed profile). */
  on(r: number): HgsData {
    return viewFor(this.data, this.vehicle(r));
  }

  /** Routes r1 and r2 travel at different speeds (a stretch moved between them is re-timed). */
  differ(r1: number, r2: number): boolean {
    const d = this.data;
    return d.views.length > 1 && d.vProfile[this.vehicle(r1)] !== d.vProfile[this.vehicle(r2)];
  }

  /** Segment of node x alone (customer, or the start or end depot of its route). */
  single(x: number, out: Segment): Segment {
    if (x < this.n) return visitCustomer(this.data, x, out);
    const r = x - this.n;
    return r < this.nRoutes ? visitDepot(this.data, this.vehicle(r), false, out) : visitDepot(this.data, this.vehicle(r - this.nRoutes), true, out);
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

  /** Links `routes` (customer lists, at most nRoutes) and prices them; customers in none are unrouted (routeOf -1). */
  load(routes: ReadonlyArray<ArrayLike<number>>): void {
    this.routeOf.fill(-1, 0, this.n);
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
    const d = this.on(r);
    const seg = this.a;
    const one = this.b;
    let x = this.startOf(r);
    this.single(x, seg);
    let p = 0;
    let work = 0;
    let breaks = 0;
    // travel times are kept only when some figure needs them (windows, or vehicles that differ)
    const timed = this.timed;
    const stopsOnly = !d.rich && !d.hasTrips;
    for (;;) {
      if (!stopsOnly && x < this.n) breaks += d.isBreak[x] + d.isUnload[x];
      this.routeOf[x] = r;
      this.pos[x] = p++;
      this.work[x] = work;
      this.store(this.pre, x, seg);
      if (x === this.endOf(r)) break;
      const y = this.next[x];
      this.nextDist[x] = this.nd[x * this.nodes + y];
      if (timed) work += this.t(x, y) + (y < this.n ? d.serviceS[y] : 0);
      x = y;
      concat(d, seg, this.single(x, one), seg);
    }
    // stops: breaks and unloads are no stops
    this.routeSize[r] = p - 2 - breaks;
    this.routeCost[r] = this.cost(seg, r);
    this.routeWait[r] = Math.max(0, seg.dur - work);
    this.routePenalty[r] = this.routeCost[r] - (d.giantTour ? seg.dist : routeObjective(d, seg, this.vehicle(r)));
    this.routeLoad[r] = seg.load;
    this.routeExcess[r] = seg.count === 0 ? 0 : loadExcess(d, seg, this.vehicle(r));
    this.single(x, seg);
    this.store(this.suf, x, seg);
    // suffix and tail of each node as x ⊕ (those of next x), each written into x's own segment,
    // whose object then holds the running one (no copies)
    let suffix = seg;
    let spare = one;
    let tail = this.sc;
    let spareTail = this.sd;
    const tails = !d.giantTour;
    while (x !== this.startOf(r)) {
      x = this.prev[x];
      if (tails && x < this.n) {
        // tail(x) = x ⊕ tail(next x), or x alone before the end depot
        if (this.next[x] >= this.n) this.single(x, tail);
        else {
          const t = concat(d, this.single(x, spareTail), tail, spareTail);
          spareTail = tail;
          tail = t;
        }
        this.store(this.tl, x, tail);
      }
      const s = concat(d, this.single(x, spare), suffix, spare);
      spare = suffix;
      suffix = s;
      this.store(this.suf, x, suffix);
    }
  }

  /** Re-prices every route (after a penalty change). */
  updateAll(): void {
    for (let r = 0; r < this.nRoutes; r++) this.update(r);
  }

  private store(arr: Float64Array, x: number, s: Segment): void {
    const k = x * this.f;
    arr[k] = s.dist;
    arr[k + 1] = s.dur;
    arr[k + 2] = s.tw;
    arr[k + 3] = s.count;
    arr[k + 4] = s.load;
    arr[k + 5] = s.e;
    arr[k + 6] = s.l;
    arr[k + 7] = s.mask;
    if (this.wide) this.storeWide(arr, k, s);
  }

  /** store's fields beyond the F plain ones (see `wide`). */
  private storeWide(arr: Float64Array, k: number, s: Segment): void {
    const more = s.more;
    for (let q = 0; q < more.length; q++) arr[k + F + q] = more[q];
    const words = s.moreMask;
    for (let w = 0; w < words.length; w++) arr[k + F + more.length + w] = words[w];
    let r = k + F + more.length + words.length;
    if (this.data.hasTrips) {
      arr[r] = s.trips;
      arr[r + 1] = s.head;
      arr[r + 2] = s.over;
      arr[r + 3] = s.uv;
      for (let q = 0; q < more.length; q++) arr[r + TRIPS + q] = s.moreHead[q];
      r += TRIPS + more.length;
    }
    if (!this.data.rich) return;
    arr[r] = s.first;
    arr[r + 1] = s.last;
    arr[r + 2] = s.core ? 1 : 0;
    arr[r + 3] = s.ldur;
    arr[r + 4] = s.ltw;
    arr[r + 5] = s.le;
    arr[r + 6] = s.ll;
    arr[r + 7] = s.su;
    arr[r + 8] = s.sdur;
    arr[r + 9] = s.stw;
    arr[r + 10] = s.se;
    arr[r + 11] = s.sl;
    arr[r + 12] = s.tags;
    arr[r + 13] = s.sx1;
    arr[r + 14] = s.sx2;
    arr[r + RICH] = s.peak;
    for (let q = 0; q < more.length; q++) arr[r + RICH + 1 + q] = s.morePeak[q];
    if (!this.data.hasTrips) return;
    r += RICH + 1 + more.length;
    arr[r] = s.headPeak;
    arr[r + 1] = s.htags;
    arr[r + 2] = s.hx1;
    arr[r + 3] = s.hx2;
    arr[r + 4] = s.xtags;
    arr[r + 5] = s.xship;
    for (let q = 0; q < more.length; q++) arr[r + RICH_TRIPS + q] = s.moreHeadPeak[q];
  }

  private read(arr: Float64Array, x: number, first: number, last: number, out: Segment): Segment {
    const k = x * this.f;
    out.first = first;
    out.last = last;
    out.dist = arr[k];
    out.dur = arr[k + 1];
    out.tw = arr[k + 2];
    out.count = arr[k + 3];
    out.load = arr[k + 4];
    out.e = arr[k + 5];
    out.l = arr[k + 6];
    out.mask = arr[k + 7];
    if (this.wide) this.readWide(arr, k, out);
    return out;
  }

  /** read's fields beyond the F plain ones (see `wide`). */
  private readWide(arr: Float64Array, k: number, out: Segment): void {
    const more = out.more;
    for (let q = 0; q < more.length; q++) more[q] = arr[k + F + q];
    const words = out.moreMask;
    for (let w = 0; w < words.length; w++) words[w] = arr[k + F + more.length + w];
    let r = k + F + more.length + words.length;
    if (this.data.hasTrips) {
      out.trips = arr[r];
      out.head = arr[r + 1];
      out.over = arr[r + 2];
      out.uv = arr[r + 3];
      for (let q = 0; q < more.length; q++) out.moreHead[q] = arr[r + TRIPS + q];
      r += TRIPS + more.length;
    }
    if (!this.data.rich) return;
    // a break has no location: the stored first and last located visits are the segment's own
    out.first = arr[r];
    out.last = arr[r + 1];
    out.core = arr[r + 2] === 1;
    out.ldur = arr[r + 3];
    out.ltw = arr[r + 4];
    out.le = arr[r + 5];
    out.ll = arr[r + 6];
    out.su = arr[r + 7];
    out.sdur = arr[r + 8];
    out.stw = arr[r + 9];
    out.se = arr[r + 10];
    out.sl = arr[r + 11];
    out.tags = arr[r + 12];
    out.sx1 = arr[r + 13];
    out.sx2 = arr[r + 14];
    out.peak = arr[r + RICH];
    for (let q = 0; q < more.length; q++) out.morePeak[q] = arr[r + RICH + 1 + q];
    if (!this.data.hasTrips) return;
    r += RICH + 1 + more.length;
    out.headPeak = arr[r];
    out.htags = arr[r + 1];
    out.hx1 = arr[r + 2];
    out.hx2 = arr[r + 3];
    out.xtags = arr[r + 4];
    out.xship = arr[r + 5];
    for (let q = 0; q < more.length; q++) out.moreHeadPeak[q] = arr[r + RICH_TRIPS + q];
  }

  /** Travel time between the locations of nodes x and y. */
  t(x: number, y: number): number {
    return this.dt[2 * (x * this.nodes + y) + 1];
  }

  /**
   * Distance between the locations of nodes x and y; from `dt` on vehicle-bound routes, where
   * the moves read the leg's time beside it (the giant-tour variant reads distances alone).
   */
  d(x: number, y: number): number {
    return this.paired ? this.dt[2 * (x * this.nodes + y)] : this.nd[x * this.nodes + y];
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
    return this.read(this.pre, x, this.locs[this.startOf(this.routeOf[x])], this.locOf(x), out);
  }

  /** Segment from x to the route's end depot, inclusive. */
  suffix(x: number, out: Segment): Segment {
    return this.read(this.suf, x, this.locOf(x), this.locs[this.endOf(this.routeOf[x])], out);
  }

  /**
   * Segment from x (a customer or an end depot) to the last customer of its route, then the end
   * depot of route `home`: how route `home` finishes when it takes over this tail.
   */
  tailTo(x: number, home: number, out: Segment): Segment {
    const own = this.routeOf[x];
    if (this.data.giantTour || home === own) return this.suffix(x, out);
    const end = this.endOf(home);
    if (x >= this.n) return this.single(end, out);
    const d = this.on(home);
    if (this.differ(own, home)) {
      // the stored tail was timed at the other route's speed: chain it again (O(tail))
      this.single(x, out);
      for (let y = this.next[x]; y < this.n; y = this.next[y]) concat(d, out, this.single(y, this.sc), out);
    } else this.read(this.tl, x, this.locOf(x), this.locOf(this.prev[this.endOf(own)]), out);
    return concat(d, out, this.single(end, this.sc), out);
  }

  /** Segment of route r's customers, first to last, without its depots (vehicle-bound routes, r not empty). */
  customers(r: number, out: Segment): Segment {
    const first = this.next[this.startOf(r)];
    return this.read(this.tl, first, this.locOf(first), this.locOf(this.prev[this.endOf(r)]), out);
  }

  /**
   * A lower bound on the penalised cost of a route assembled from stored segments, without
   * building the segments (lbRoute): distance is
   * exact, duration and time warp at least the pieces' sums plus the travel between them (a
   * concatenation only adds waiting and warp at each junction), other penalties at least 0.
   * For vehicle-bound routes without breaks, setup, tags, shipments, unload trips or speed
   * profiles; the moves reject a candidate on it before pricing it exactly. Writable so that
   * the search can be compared with and without it (the same moves must be applied).
   */
  boundable: boolean;

  /**
   * lbRoute of route r without the customers strictly between p and q (q after p in r): the same
   * for every neighbour tried with one customer, so the last two are kept (keyed by the nodes,
   * the route's stamp and the time-warp penalty).
   */
  lbCut(r: number, p: number, q: number): number {
    const c = this.cut;
    const stamp = this.routeStamp[r];
    for (let k = 0; k < 8; k += 4) {
      if (c[k] === p && c[k + 1] === q && c[k + 2] === stamp && this.cutTw[k >> 2] === this.twPenalty) return this.cutValue[k >> 2];
    }
    const slot = this.cutNext;
    this.cutNext = 1 - slot;
    c[4 * slot] = p;
    c[4 * slot + 1] = q;
    c[4 * slot + 2] = stamp;
    this.cutTw[slot] = this.twPenalty;
    return (this.cutValue[slot] = this.lbRoute(r, p, -1, -1, q));
  }

  private readonly cut = new Float64Array(8).fill(-1);
  private readonly cutTw = new Float64Array(2);
  private readonly cutValue = new Float64Array(2);
  private cutNext = 0;

  /**
   * Bound (see `boundable`) of route r made of prefix(p), then customers c1 and c2 (-1: none),
   * then the rest from node q: q's suffix when q is in route r, else the tail from q (customer
   * or end depot) taken home to r's end depot, as tailTo. One call with locals only: the moves
   * call it for every candidate.
   */
  lbRoute(r: number, p: number, c1: number, c2: number, q: number): number {
    const m = this.nodes;
    const dt = this.dt;
    const f = this.f;
    const d = this.data;
    const pre = this.pre;
    let k = p * f;
    let dist = pre[k];
    let dur = pre[k + 1];
    let tw = pre[k + 2];
    let count = pre[k + 3];
    let last = p;
    if (c1 >= 0) {
      const leg = 2 * (last * m + c1);
      dist += dt[leg];
      dur += dt[leg + 1] + d.serviceS[c1];
      count++;
      last = c1;
      if (c2 >= 0) {
        const leg2 = 2 * (last * m + c2);
        dist += dt[leg2];
        dur += dt[leg2 + 1] + d.serviceS[c2];
        count++;
        last = c2;
      }
    }
    const own = this.routeOf[q];
    const leg = 2 * (last * m + q);
    if (own === r) {
      k = q * f;
      const suf = this.suf;
      dist += dt[leg] + suf[k];
      dur += dt[leg + 1] + suf[k + 1];
      tw += suf[k + 2];
      count += suf[k + 3];
    } else if (q >= this.n) {
      const home = 2 * (last * m + this.endOf(r));
      dist += dt[home];
      dur += dt[home + 1];
    } else {
      k = q * f;
      const tl = this.tl;
      const home = 2 * (this.prev[this.endOf(own)] * m + this.endOf(r));
      dist += dt[leg] + tl[k] + dt[home];
      dur += dt[leg + 1] + tl[k + 1] + dt[home + 1];
      tw += tl[k + 2];
      count += tl[k + 3];
    }
    if (count === 0) return 0;
    const v = this.vehicle(r);
    const paid = dur > d.vMinPaidS[v] ? dur : d.vMinPaidS[v];
    const overDur = dur > d.vMaxDurationS[v] ? dur - d.vMaxDurationS[v] : 0;
    const overKm = dist > d.vMaxDistanceKm[v] ? dist - d.vMaxDistanceKm[v] : 0;
    // penalties can only add: time warp at least the pieces', the limits on the lower bounds
    return d.vFixed[v] + d.vPerKm[v] * dist + d.vPerS[v] * paid + d.vPerStop[v] * count + this.twPenalty * (tw + overDur + 100 * overKm);
  }

  /**
   * Bound (see `boundable`) of route r after a move inside it that reorders only the customers
   * strictly between nodes a and b (a before b), changing its distance by `dDist` and its travel
   * time by `dTime`: prefix(a), the stretch's travel and service without waiting, suffix(b); the
   * same customers, so the same load excess.
   */
  lbIntra(r: number, a: number, b: number, dDist: number, dTime: number): number {
    const f = this.f;
    const d = this.data;
    const ka = a * f;
    const kb = b * f;
    const kEnd = this.endOf(r) * f;
    const pre = this.pre;
    const suf = this.suf;
    const dist = pre[kEnd] + dDist;
    const stretch = this.work[b] - (b < this.n ? d.serviceS[b] : 0) - this.work[a] + dTime;
    const dur = pre[ka + 1] + stretch + suf[kb + 1];
    const tw = pre[ka + 2] + suf[kb + 2];
    const count = pre[kEnd + 3];
    if (count === 0) return 0;
    const v = this.vehicle(r);
    const paid = dur > d.vMinPaidS[v] ? dur : d.vMinPaidS[v];
    const overDur = dur > d.vMaxDurationS[v] ? dur - d.vMaxDurationS[v] : 0;
    const overKm = dist > d.vMaxDistanceKm[v] ? dist - d.vMaxDistanceKm[v] : 0;
    return d.vFixed[v] + d.vPerKm[v] * dist + d.vPerS[v] * paid + d.vPerStop[v] * count
      + this.capPenalty * this.routeExcess[r] + this.twPenalty * (tw + overDur + 100 * overKm);
  }

  /** Penalised cost of a whole-route segment driven as route r, under the current penalties. */
  cost(s: Segment, r: number): number {
    return penalisedCost(this.data, s, this.vehicle(r), this.capPenalty, this.twPenalty);
  }

  /** Unlinks customer x from its route (route data are stale until update). */
  remove(x: number): void {
    const p = this.prev[x];
    const q = this.next[x];
    this.next[p] = q;
    this.prev[q] = p;
  }

  /** Takes customer x out of the solution (optional stops): unlinked, routeOf -1, its route updated. */
  unroute(x: number): void {
    const r = this.routeOf[x];
    this.remove(x);
    this.routeOf[x] = -1;
    this.update(r);
  }

  /** The routed copy of customer c's job other than c (a job with several windows), or -1. */
  routedCopy(c: number): number {
    const next = this.data.nextCopy;
    for (let x = next[c]; x !== c; x = next[x]) if (this.routeOf[x] >= 0) return x;
    return -1;
  }

  /** Penalty-free check: vehicle of route r can drive the whole-route segment `s` within every limit. */
  feasible(s: Segment, r: number): boolean {
    const v = this.vehicle(r);
    return loadExcess(this.data, s, v) < 1e-9 && timeExcess(this.data, s, v) < 1e-9;
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

  /** Penalised cost of route r visiting `buf[0..len)` (O(len)). */
  priceSequence(r: number, buf: Int32Array, len: number): number {
    const d = this.on(r);
    const seg = this.a;
    const one = this.b;
    this.single(this.startOf(r), seg);
    for (let k = 0; k < len; k++) concat(d, seg, visitCustomer(d, buf[k], one), seg);
    concat(d, seg, this.single(this.endOf(r), one), seg);
    return this.cost(seg, r);
  }

  /** Routes as customer lists: the non-empty ones, or (`bySlot`) one per route slot, empty ones included. */
  toRoutes(bySlot = false): number[][] {
    const out: number[][] = [];
    for (let r = 0; r < this.nRoutes; r++) {
      const seq: number[] = [];
      for (let x = this.next[this.startOf(r)]; x < this.n; x = this.next[x]) seq.push(x);
      if (seq.length > 0 || bySlot) out.push(seq);
    }
    return out;
  }

  totalCost(): number {
    let c = 0;
    for (let r = 0; r < this.nRoutes; r++) c += this.routeCost[r];
    return c;
  }
}
