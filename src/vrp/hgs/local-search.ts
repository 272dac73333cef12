// Local search of the hybrid genetic search (after Vidal 2022): for each customer u and each
// v among its granular neighbours, try the moves in turn; then SWAP* between routes that hold
// neighbouring customers. Penalised costs allow capacity excess and time warp. With optional
// stops, customers left out are inserted wherever they fit, and an infeasible result can be
// repaired by leaving out the stops least worth their excess (see dropToFeasible).
import type { Rng } from "../random.js";
import { type HgsData, legSums } from "./hgs-data.js";
import type { HgsMove } from "./moves/move.js";
import { relocate } from "./moves/relocate.js";
import { relocatePair, relocatePairReversed } from "./moves/relocate-pair.js";
import { relocateUnload } from "./moves/relocate-unload.js";
import { swapOne, swapPairOne, swapPairPair } from "./moves/swap.js";
import { twoOpt } from "./moves/two-opt.js";
import { twoOptStar } from "./moves/two-opt-star.js";
import { twoOptStarReversed } from "./moves/two-opt-star-reversed.js";
import { EPS } from "./moves/move.js";
import { RouteSet } from "./route-set.js";
import { concat, newSegment, routeObjective, type Segment } from "./segment.js";
import { SpotCache, swapStar } from "./swap-star.js";
import { unloadPass } from "./unloads.js";

/** Closest customers whose routes are paired for SWAP* (HGS pairs routes whose polar sectors overlap). */
const SWAP_STAR_NEIGHBOURS = 3;

/** Moves tried with v = the start depot of an empty route (tryMoves lists the order for (u, v)). */
const DEPOT_MOVES: HgsMove[] = [relocate, relocatePair, relocatePairReversed, twoOptStar];

/** Granular local search over a RouteSet; one instance per solve (holds scratch buffers). */
export class LocalSearch {
  readonly rs: RouteSet;
  /** Scratch segments for move evaluation. */
  readonly seg: Segment[];
  /** Cost of a km of detour on each route (1 for the giant-tour variant): scales the SWAP* estimates. */
  readonly kmCost: Float64Array;
  /** One route slot per vehicle class: where an empty route of that class is looked for. */
  private readonly classes: Int32Array[];
  /**
   * The classes in the order moves into an empty route try them (the first improving one is
   * applied), shuffled on each run as PyVRP does: a fixed order opens the first class listed
   * (on the rich days the vans) whenever it pays at all, and the fleet mix follows the list.
   */
  private readonly emptyOrder: Int32Array[];
  private readonly bufA: Int32Array;
  private readonly bufB: Int32Array;
  private readonly lastModified: Float64Array;
  private readonly lastTested: Float64Array;
  private readonly pairTested: Map<number, number> = new Map();
  private moves = 0;
  private readonly order: number[];
  /** The few closest customers of each customer: route pairs they link are tried with SWAP*. */
  private readonly closest: Int32Array[];
  /** Scratch for SWAP*: customers of the two routes and their removal gains (route 1, route 2). */
  readonly starA: Int32Array;
  readonly starB: Int32Array;
  readonly starGain2: Float64Array;
  readonly starGain1: Float64Array;
  /** SWAP*: cached insertion spots, and each route customer's slot in that cache. */
  readonly spots: SpotCache;
  readonly starBase1: Int32Array;
  readonly starBase2: Int32Array;
  /** Unload customers each vehicle may take (those of its skill group), sorted by location. */
  readonly unloadsOf: Int32Array[];
  /** Stops are optional: customers may stay unrouted (see HgsData.prize). */
  optional = false;
  /**
   * No customer goes into an unused route (route elimination: the search runs on the vehicles
   * left in use; a route may still be handed whole to an unused vehicle, or two merged).
   */
  keepFleet = false;
  /**
   * Iterated local search (run with `perturb` > 0): only the customers marked here are tried as
   * u, as in PyVRP: those the perturbation moved, their old and new neighbours in their routes,
   * and whatever an applied move touches. null: every customer (a full search).
   */
  private promising: Uint8Array | null = null;
  private readonly promisingBuf: Uint8Array;
  private readonly removed: Int32Array;

  constructor(readonly data: HgsData, nRoutes: number, readonly neighbours: Int32Array[], private readonly rng: Rng) {
    this.rs = new RouteSet(data, nRoutes);
    this.seg = Array.from({ length: 6 }, () => newSegment(data));
    const sums = legSums(data);
    const sPerKm = sums.km > 0 ? sums.s / sums.km : 0;
    this.kmCost = Float64Array.from({ length: nRoutes }, (_, r) =>
      data.giantTour ? 1 : data.vPerKm[this.rs.vehicle(r)] + data.vPerS[this.rs.vehicle(r)] * sPerKm);
    const byClass = new Map<number, number[]>();
    for (let r = 0; r < nRoutes; r++) {
      const c = data.vClass[this.rs.vehicle(r)];
      byClass.set(c, [...(byClass.get(c) ?? []), r]);
    }
    this.classes = [...byClass.values()].map((l) => Int32Array.from(l));
    this.emptyOrder = [...this.classes];
    this.bufA = new Int32Array(data.n + 2);
    this.bufB = new Int32Array(data.n + 2);
    this.lastModified = new Float64Array(nRoutes);
    this.lastTested = new Float64Array(data.n);
    this.order = Array.from({ length: data.n }, (_, i) => i);
    this.closest = neighbours.map((l) => l.slice(0, SWAP_STAR_NEIGHBOURS));
    this.starA = new Int32Array(data.n);
    this.starB = new Int32Array(data.n);
    this.starGain2 = new Float64Array(data.n);
    this.starGain1 = new Float64Array(data.n);
    this.spots = new SpotCache(data.n, nRoutes);
    this.starBase1 = new Int32Array(data.n);
    this.starBase2 = new Int32Array(data.n);
    this.seenAt = new Float64Array(data.hasShipments ? data.n : 0);
    this.unloadsOf = Array.from({ length: nRoutes }, (_, v) => {
      const mine: number[] = [];
      for (let c = 0; c < data.n; c++) if (data.isUnload[c] && data.vGroup[data.unloadVehicle[c]] === data.vGroup[v]) mine.push(c);
      return Int32Array.from(mine.sort((x, y) => data.loc[x] - data.loc[y] || x - y));
    });
    this.promisingBuf = new Uint8Array(data.n);
    this.removed = new Int32Array(data.n);
  }

  /**
   * True when an inter-route move with distance change `distDelta` and new loads `loadA`, `loadB`
   * cannot improve: exact without time windows, a lower bound with them.
   */
  cannotImprove(ra: number, rb: number, distDelta: number, loadA: number, loadB: number): boolean {
    // fixed, per-hour and per-stop costs: no bound from distance alone
    if (!this.data.giantTour) return false;
    const rs = this.rs;
    const old = rs.routePenalty[ra] + rs.routePenalty[rb];
    if (this.data.hasTimeWindows) return distDelta - old > -1e-5;
    return distDelta + rs.loadPenalty(loadA) + rs.loadPenalty(loadB) - old > -1e-5;
  }

  /**
   * Lower bound of the change of route r's penalised cost when its distance changes by `dDist`,
   * its travel plus service time by `dWork` (s) and its customers by `dCount` (a mixed fleet):
   * waiting and penalties can at most vanish. Exact when the route empties; -Infinity when
   * nothing is known (an unused route, a minimum paid shift).
   */
  routeBound(r: number, dDist: number, dWork: number, dCount: number): number {
    const rs = this.rs;
    const size = rs.routeSize[r];
    const v = rs.vehicle(r);
    const d = this.data;
    // a break has no location: distance and time deltas around it bound nothing; node travel
    // times are the first speed profile's
    if (d.rich || d.views.length > 1) return -Infinity;
    if (size + dCount === 0 && d.startCount[v] === 0) return -rs.routeCost[r];
    if (size === 0 || d.vMinPaidS[v] > 0) return -Infinity;
    return d.vPerKm[v] * dDist + d.vPerS[v] * (dWork - rs.routeWait[r]) + d.vPerStop[v] * dCount - rs.routePenalty[r];
  }

  /** True when an intra-route move changing distance by `distDelta` (NaN: unknown) cannot improve route r. */
  intraCannotImprove(r: number, distDelta: number, timeDelta: number): boolean {
    if (Number.isNaN(distDelta) || this.data.rich || this.data.views.length > 1) return false;
    if (!this.data.giantTour) {
      // travel time changes by timeDelta; waiting can at most vanish; penalties at most vanish
      if (Number.isNaN(timeDelta)) return false;
      const v = this.rs.vehicle(r);
      const d = this.data;
      if (d.vMinPaidS[v] > 0) return false;
      return d.vPerKm[v] * distDelta + d.vPerS[v] * (timeDelta - this.rs.routeWait[r]) - this.rs.routePenalty[r] > -1e-5;
    }
    return this.data.hasTimeWindows ? distDelta - this.rs.routePenalty[r] > -1e-5 : distDelta > -1e-5;
  }

  /** Segment of customer (or depot) x alone. */
  single(x: number, out: Segment): Segment {
    return this.rs.single(x, out);
  }

  /** Marks routes as changed after a move and refreshes their data. */
  commit(ra: number, rb: number): void {
    this.rs.update(ra);
    if (rb !== ra) this.rs.update(rb);
    this.moves++;
    this.lastModified[ra] = this.moves;
    this.lastModified[rb] = this.moves;
  }

  /**
   * Applies a rewrite of route r's order when it lowers the penalised cost. `build` returns the
   * new length, or -1 to skip. `distDelta` is the change of distance (NaN if unknown): the move is
   * skipped without pricing when it cannot pay even with all penalties removed.
   */
  tryIntra(r: number, distDelta: number, timeDelta: number, build: (src: Int32Array, len: number, dst: Int32Array) => number): boolean {
    if (this.intraCannotImprove(r, distDelta, timeDelta)) return false;
    if (!this.data.hasTimeWindows && this.data.giantTour && !Number.isNaN(distDelta)) {
      // without windows an intra-route move changes distance only: the delta is exact
      const len = this.rs.sequence(r, this.bufA);
      const newLen = build(this.bufA, len, this.bufB);
      if (newLen < 0) return false;
      this.rs.relink(r, this.bufB, newLen);
      this.moves++;
      this.lastModified[r] = this.moves;
      return true;
    }
    const len = this.rs.sequence(r, this.bufA);
    const newLen = build(this.bufA, len, this.bufB);
    if (newLen < 0) return false;
    if (this.data.hasShipments && !this.pickupsFirst(this.bufB, newLen)) return false;
    const c = newLen === len ? this.priceChanged(r, len) : this.rs.priceSequence(r, this.bufB, newLen);
    if (c > this.rs.routeCost[r] - 1e-5) return false;
    this.rs.relink(r, this.bufB, newLen);
    this.moves++;
    this.lastModified[r] = this.moves;
    return true;
  }

  /** Shipments: every delivery in `seq[0..len)` comes after its pickup (O(len)). */
  private pickupsFirst(seq: Int32Array, len: number): boolean {
    const d = this.data;
    const stamp = ++this.orderStamp;
    for (let k = 0; k < len; k++) {
      const x = seq[k];
      if (d.partner[x] < 0) continue;
      if (d.delivers[x] && this.seenAt[d.partner[x]] !== stamp) return false;
      this.seenAt[x] = stamp;
    }
    return true;
  }

  private orderStamp = 0;
  private seenAt = new Float64Array(0);

  /**
   * Penalised cost of route r with order bufB instead of bufA (same length): the unchanged
   * head and tail come from the stored segments, only the stretch between is chained.
   */
  private priceChanged(r: number, len: number): number {
    const rs = this.rs;
    const src = this.bufA;
    const dst = this.bufB;
    let i = 0;
    while (i < len && src[i] === dst[i]) i++;
    if (i === len) return rs.routeCost[r];
    let j = len - 1;
    while (src[j] === dst[j]) j--;
    const [a, one] = this.seg;
    rs.prefix(i === 0 ? rs.startOf(r) : src[i - 1], a);
    for (let k = i; k <= j; k++) concat(rs.on(r), a, rs.single(dst[k], one), a);
    concat(rs.on(r), a, rs.suffix(j + 1 < len ? src[j + 1] : rs.endOf(r), one), a);
    return rs.cost(a, r);
  }

  /**
   * Runs to a local optimum from `routes` (one per route slot, or fewer) under the given
   * penalties, after inserting the `missing` customers where each costs least; returns the
   * improved routes (non-empty ones for the giant-tour variant, else one per slot).
   */
  run(
    routes: ReadonlyArray<ArrayLike<number>>, capPenalty: number, twPenalty: number, stop: () => boolean,
    missing: ArrayLike<number> = [], openOrder: ArrayLike<number> | null = null, perturb = 0,
  ): number[][] {
    const rs = this.rs;
    rs.capPenalty = capPenalty;
    rs.twPenalty = twPenalty;
    rs.load(routes);
    for (let k = 0; k < missing.length; k++) this.insertCheapest(missing[k], openOrder);
    this.moves = 1;
    this.lastModified.fill(1);
    this.lastTested.fill(0);
    this.pairTested.clear();
    this.rng.shuffle(this.order);
    if (this.emptyOrder.length > 1) this.rng.shuffle(this.emptyOrder);
    for (const list of this.neighbours) {
      for (let i = list.length - 1; i > 0; i--) {
        const j = this.rng.int(i + 1);
        const t = list[i];
        list[i] = list[j];
        list[j] = t;
      }
    }
    this.promising = null;
    if (perturb > 0) {
      this.promising = this.promisingBuf;
      this.promising.fill(0);
      this.perturb(perturb);
    }
    let loop = 0;
    // node moves to a local optimum, then SWAP* between routes; again while SWAP* changes
    // something (as in PyVRP: the costlier route search runs once per node-search optimum)
    for (;;) {
      loop = this.nodeSearch(loop, stop);
      if (stop()) break;
      const star = this.swapStarPass();
      // with unload trips, two routes driven one after the other are a two-trip day, which the
      // unload placement prices; the merge (no unload between them) led the search astray there
      const vehicles = !this.data.giantTour && (this.routeExchangePass() || (!this.data.hasTrips && this.mergePass()));
      const added = this.optional && this.insertUnrouted();
      const unloads = this.data.hasTrips && unloadPass(this);
      if (!star && !vehicles && !added && !unloads) break;
    }
    this.promising = null;
    return rs.toRoutes(!this.data.giantTour);
  }

  /** Marks customer x (when routed: with its predecessor and successor) for the search after a perturbation. */
  private markAround(x: number): void {
    const p = this.promising;
    if (p === null) return;
    const rs = this.rs;
    const n = this.data.n;
    p[x] = 1;
    if (rs.routeOf[x] < 0) return;
    if (rs.prev[x] < n) p[rs.prev[x]] = 1;
    if (rs.next[x] < n) p[rs.next[x]] = 1;
  }

  /** Marks every customer of route r (after a route-level move). */
  private markRoute(r: number): void {
    const p = this.promising;
    if (p === null) return;
    const rs = this.rs;
    for (let x = rs.next[rs.startOf(r)]; x < rs.n; x = rs.next[x]) p[x] = 1;
  }

  /**
   * PyVRP's perturbation: takes out `count` customers, a random one and its granular neighbours
   * (then the next random one's while some are left to take), and puts each back after the
   * granular neighbour, or first in the empty route per vehicle class, where it costs least.
   * Marks what moved and its neighbours in their routes as promising.
   */
  private perturb(count: number): void {
    const rs = this.rs;
    const d = this.data;
    let k = 0;
    for (const u of this.order) {
      if (k >= count) break;
      const list = this.neighbours[u];
      for (let i = -1; i < list.length && k < count; i++) {
        const x = i < 0 ? u : list[i];
        // breaks stay with their vehicle; a shipment moves only whole (the node moves do that)
        if (rs.routeOf[x] < 0 || d.isBreak[x] || d.partner[x] >= 0) continue;
        this.markAround(x);
        const r = rs.routeOf[x];
        rs.remove(x);
        rs.routeOf[x] = -1;
        this.lastModified[r] = ++this.moves;
        this.removed[k++] = x;
      }
    }
    for (let r = 0; r < rs.nRoutes; r++) if (this.lastModified[r] > 1) rs.update(r);
    for (let i = 0; i < k; i++) this.insertNear(this.removed[i]);
  }

  /**
   * Inserts unrouted customer c where it costs least: next to one of its granular neighbours
   * (after it or before it), or first in the first empty route of a vehicle class; anywhere
   * (insertCheapest) when none of those exists.
   */
  private insertNear(c: number): void {
    const rs = this.rs;
    this.nearestSpot(c, rs.single(c, this.seg[2]), false, false);
    if (this.bestAfter < 0) {
      this.insertCheapest(c, null);
    } else {
      const r = rs.routeOf[this.bestAfter];
      rs.insertAfter(c, this.bestAfter);
      rs.update(r);
    }
    const r = rs.routeOf[c];
    this.lastModified[r] = ++this.moves;
    this.markAround(c);
  }

  /**
   * Optional stops: from the routes of the last run, leaves out stops until every route is
   * feasible, then searches again under penalties `capPenalty`, `twPenalty` (inserting what fits)
   * and leaves out again whatever that broke. Returns feasible routes, one per slot. (Searching
   * under the higher penalties before leaving anything out, as HGS repairs, measured worse on
   * the exhaustive-search cases of test/vrp/hgs-rich.test.ts.)
   */
  repairByDropping(capPenalty: number, twPenalty: number, stop: () => boolean): number[][] {
    this.dropToFeasible();
    this.run(this.rs.toRoutes(true), capPenalty, twPenalty, stop);
    this.dropToFeasible();
    return this.rs.toRoutes(true);
  }

  /**
   * Unroutes customers of infeasible routes until each is feasible: each time, among the stops
   * whose removal lowers the excess, the one with the least prize per unit of penalised cost
   * saved (a stop whose removal lowers no excess goes only when none does).
   */
  private dropToFeasible(): void {
    const rs = this.rs;
    const d = this.data;
    const [a, b, full] = this.seg;
    const excess = (s: Segment, r: number): number => rs.cost(s, r) - routeObjective(d, s, rs.vehicle(r));
    for (let r = 0; r < rs.nRoutes; r++) {
      while (!rs.feasible(rs.prefix(rs.endOf(r), full), r)) {
        const before = excess(full, r);
        let best = -1;
        let bestScore = Infinity;
        let cheapest = -1;
        for (let x = rs.next[rs.startOf(r)]; x < rs.n; x = rs.next[x]) {
          // a break stays with its vehicle (an unused vehicle takes none); an infinite prize marks a customer never left out
          if (d.isBreak[x] || d.isUnload[x] || d.prize[x] === Infinity) continue;
          if (cheapest < 0 || d.prize[x] < d.prize[cheapest]) cheapest = x;
          concat(rs.on(r), rs.prefix(rs.prev[x], a), rs.suffix(rs.next[x], b), a);
          if (before - excess(a, r) <= 1e-9) continue;
          // prize per unit of penalised cost saved, times a random factor in [1, 2): equal prizes
          // go mostly to the stop whose removal saves most, and individuals differ in what they
          // leave out (a priority point weighs n + 1 stops, far beyond the factor)
          const score = (d.prize[x] / (rs.routeCost[r] - rs.cost(a, r))) * (1 + this.rng.next());
          if (score < bestScore) {
            bestScore = score;
            best = x;
          }
        }
        // nothing left to leave out (an infeasible locked prefix is refused upstream)
        if (cheapest < 0) break;
        const out = best >= 0 ? best : cheapest;
        // a shipment leaves whole
        if (d.partner[out] >= 0) rs.unroute(d.partner[out]);
        rs.unroute(out);
        this.moves++;
        this.lastModified[r] = this.moves;
      }
    }
  }

  /**
   * The stops `routes` (feasible, one per slot) leave out, higher priority first, each inserted
   * where it keeps its route feasible and costs least (every position of every route), until
   * none fits: a stop more always comes first in VROOM's order. Returns the routes, one per slot.
   */
  fillFeasible(routes: ReadonlyArray<ArrayLike<number>>): number[][] {
    const rs = this.rs;
    const d = this.data;
    const [a, b, one] = this.seg;
    rs.load(routes);
    const left = this.order.filter((c) => rs.routeOf[c] < 0 && !d.isUnload[c] && d.partner[c] < 0).sort((x, y) => d.priority[y] - d.priority[x]);
    for (let again = true; again; ) {
      again = false;
      for (const c of left) {
        if (rs.routeOf[c] >= 0 || (d.copies && rs.routedCopy(c) >= 0)) continue;
        rs.single(c, one);
        let best = Infinity;
        let after = -1;
        for (let r = 0; r < rs.nRoutes; r++) {
          const on = rs.on(r);
          for (let p = rs.startOf(r); p !== rs.endOf(r); p = rs.next[p]) {
            concat(on, rs.prefix(p, a), one, a);
            concat(on, a, rs.suffix(rs.next[p], b), a);
            if (!rs.feasible(a, r)) continue;
            const delta = rs.cost(a, r) - rs.routeCost[r];
            if (delta < best) {
              best = delta;
              after = p;
            }
          }
        }
        if (after < 0) continue;
        const r = rs.routeOf[after];
        rs.insertAfter(c, after);
        rs.update(r);
        again = true;
      }
    }
    return rs.toRoutes(true);
  }

  /**
   * Optional stops: inserts each unrouted customer where it fits without excess and costs least
   * (after a granular neighbour, or first in a route); returns true when any was inserted.
   */
  private insertUnrouted(): boolean {
    const rs = this.rs;
    const d = this.data;
    const one = this.seg[2];
    let inserted = false;
    for (const c of this.order) {
      // a shipment comes back whole only through insertCheapest (crossover children); unloads through unloadPass
      if (rs.routeOf[c] >= 0 || d.partner[c] >= 0 || d.isUnload[c]) continue;
      rs.single(c, one);
      const copy = d.copies ? rs.routedCopy(c) : -1;
      if (copy >= 0) {
        if (this.switchCopy(c, copy, one)) inserted = true;
        continue;
      }
      this.nearestSpot(c, one, true, true);
      const bestAfter = this.bestAfter;
      if (bestAfter >= 0 && this.bestInsert < d.prize[c]) {
        const r = rs.routeOf[bestAfter];
        rs.insertAfter(c, bestAfter);
        this.commit(r, r);
        inserted = true;
      } else if (this.replaceNeighbour(c, one)) inserted = true;
    }
    return inserted;
  }

  /**
   * Cheapest place for unrouted customer c (segment `one`) next to a granular neighbour (after
   * it or before it), or first in the first empty route of each vehicle class, and (`everyRoute`)
   * first in every used route; `feasibleOnly`: places without excess only. Leaves the penalised
   * cost increase in bestInsert and the node to insert after in bestAfter (-1: none).
   */
  private nearestSpot(c: number, one: Segment, feasibleOnly: boolean, everyRoute: boolean): void {
    const rs = this.rs;
    const d = this.data;
    const [a, b] = this.seg;
    this.bestInsert = Infinity;
    this.bestAfter = -1;
    const tryAfter = (p: number): void => {
      const r = rs.routeOf[p];
      concat(rs.on(r), rs.prefix(p, a), one, a);
      concat(rs.on(r), a, rs.suffix(rs.next[p], b), a);
      if (feasibleOnly && !rs.feasible(a, r)) return;
      const delta = rs.cost(a, r) - rs.routeCost[r];
      if (delta < this.bestInsert) {
        this.bestInsert = delta;
        this.bestAfter = p;
      }
    };
    for (const v of this.neighbours[c]) {
      if (rs.routeOf[v] < 0) continue;
      tryAfter(v);
      tryAfter(rs.prev[v]);
    }
    for (const list of this.classes) {
      let emptyTried = this.keepFleet;
      for (const r of list) {
        if (rs.routeSize[r] === 0) {
          if (emptyTried) continue;
          emptyTried = true;
        } else if (!everyRoute) continue;
        tryAfter(rs.startOf(r));
      }
    }
  }

  /**
   * A job with several windows: its unrouted copy c (another window) replaces its routed copy w,
   * in w's place or after a granular neighbour in another route, when that costs less.
   */
  private switchCopy(c: number, w: number, one: Segment): boolean {
    const rs = this.rs;
    const d = this.data;
    const [a, b] = this.seg;
    const rw = rs.routeOf[w];
    concat(rs.on(rw), rs.prefix(rs.prev[w], a), one, a);
    concat(rs.on(rw), a, rs.suffix(rs.next[w], b), a);
    let bestGain = rs.feasible(a, rw) ? rs.routeCost[rw] - rs.cost(a, rw) : -Infinity;
    let bestAfter = rs.prev[w];
    // route of w without w, priced once
    concat(rs.on(rw), rs.prefix(rs.prev[w], a), rs.suffix(rs.next[w], b), a);
    const withoutW = rs.cost(a, rw) - rs.routeCost[rw];
    for (const v of this.neighbours[c]) {
      const rv = rs.routeOf[v];
      if (rv < 0 || rv === rw) continue;
      concat(rs.on(rv), rs.prefix(v, a), one, a);
      concat(rs.on(rv), a, rs.suffix(rs.next[v], b), a);
      if (!rs.feasible(a, rv)) continue;
      const gain = -(withoutW + rs.cost(a, rv) - rs.routeCost[rv]);
      if (gain > bestGain) {
        bestGain = gain;
        bestAfter = v;
      }
    }
    if (bestGain <= EPS) return false;
    const rv = rs.routeOf[bestAfter];
    rs.remove(w);
    rs.routeOf[w] = -1;
    rs.insertAfter(c, bestAfter);
    this.commit(rw, rv);
    return true;
  }

  /**
   * Optional stops: unrouted customer c takes the place of a routed granular neighbour w when
   * the route stays feasible and c's prize less w's outweighs the cost change (a stop of more
   * priority in, or the same worth served for less).
   */
  private replaceNeighbour(c: number, one: Segment): boolean {
    const rs = this.rs;
    const d = this.data;
    const [a, b] = this.seg;
    let best = -1;
    let bestGain = EPS;
    for (const w of this.neighbours[c]) {
      const r = rs.routeOf[w];
      if (r < 0 || d.partner[w] >= 0 || d.isUnload[w]) continue;
      concat(rs.on(r), rs.prefix(rs.prev[w], a), one, a);
      concat(rs.on(r), a, rs.suffix(rs.next[w], b), a);
      if (!rs.feasible(a, r)) continue;
      const gain = d.prize[c] - d.prize[w] - (rs.cost(a, r) - rs.routeCost[r]);
      if (gain > bestGain) {
        bestGain = gain;
        best = w;
      }
    }
    if (best < 0) return false;
    const r = rs.routeOf[best];
    rs.insertAfter(c, best);
    rs.unroute(best);
    this.commit(r, r);
    return true;
  }

  /**
   * Inserts customer c (not routed) where it raises the penalised cost least: in a used route,
   * or in an unused one (the first unused in `openOrder`, else one per vehicle class).
   */
  private insertCheapest(c: number, openOrder: ArrayLike<number> | null): void {
    const rs = this.rs;
    if (this.data.copies && rs.routedCopy(c) >= 0) return;
    // unloads are optional: only unloadPass adds them
    if (this.data.isUnload[c]) return;
    const d = this.data;
    const [a, b, one] = this.seg;
    // a shipment goes in whole, pickup first (with its pickup, a delivery is already in)
    const pickup = d.partner[c] < 0 ? -1 : d.delivers[c] ? d.partner[c] : c;
    if (pickup >= 0 && rs.routeOf[pickup] >= 0) return;
    if (pickup >= 0) rs.single(pickup, one);
    else rs.single(c, one);
    this.bestInsert = Infinity;
    this.bestAfter = -1;
    let opened = openOrder === null || this.keepFleet;
    for (const list of this.classes) {
      let emptyTried = openOrder !== null || this.keepFleet;
      for (const r of list) {
        if (rs.routeSize[r] === 0) {
          if (emptyTried) continue;
          emptyTried = true;
        }
        if (pickup >= 0) this.insertPairInto(r, one, d.partner[pickup]);
        else this.insertInto(r, a, b, one);
      }
    }
    for (let k = 0; !opened && k < openOrder!.length; k++) {
      if (rs.routeSize[openOrder![k]] > 0) continue;
      if (pickup >= 0) this.insertPairInto(openOrder![k], one, d.partner[pickup]);
      else this.insertInto(openOrder![k], a, b, one);
      opened = true;
    }
    // every vehicle is in use and none was cheaper: fall back to any position
    const r = rs.routeOf[this.bestAfter];
    if (pickup >= 0) {
      rs.insertAfter(pickup, this.bestAfter);
      rs.insertAfter(d.partner[pickup], this.bestAfter2 === this.bestAfter ? pickup : this.bestAfter2);
    } else rs.insertAfter(c, this.bestAfter);
    rs.update(r);
  }

  private bestInsert = Infinity;
  private bestAfter = -1;
  /** Shipments: the node the delivery goes after (bestAfter itself: right after the pickup). */
  private bestAfter2 = -1;

  /**
   * Prices a shipment in route r: its pickup (segment `pick`) after every node, its delivery
   * `del` after every later one (O(route length²)); keeps the cheapest in bestInsert/bestAfter/bestAfter2.
   */
  private insertPairInto(r: number, pick: Segment, del: number): void {
    const rs = this.rs;
    const on = rs.on(r);
    const [, , , head, tail, one] = this.seg;
    const base = rs.routeCost[r];
    const end = rs.endOf(r);
    for (let p = rs.startOf(r); p !== end; p = rs.next[p]) {
      concat(on, rs.prefix(p, head), pick, head);
      // delivery after w: head (start .. p, pickup, .. w), delivery, then suffix(next w)
      for (let w = p; ; ) {
        concat(on, head, rs.single(del, one), tail);
        concat(on, tail, rs.suffix(rs.next[w], one), tail);
        const delta = rs.cost(tail, r) - base;
        if (delta < this.bestInsert) {
          this.bestInsert = delta;
          this.bestAfter = p;
          this.bestAfter2 = w;
        }
        w = rs.next[w];
        if (w === end) break;
        concat(on, head, rs.single(w, one), head);
      }
    }
  }

  /** Prices customer `one` at every position of route r, keeping the cheapest in bestInsert/bestAfter. */
  private insertInto(r: number, a: Segment, b: Segment, one: Segment): void {
    const rs = this.rs;
    const on = rs.on(r);
    const base = rs.routeCost[r];
    for (let p = rs.startOf(r); p !== rs.endOf(r); p = rs.next[p]) {
      concat(on, rs.prefix(p, a), one, a);
      concat(on, a, rs.suffix(rs.next[p], b), a);
      const delta = rs.cost(a, r) - base;
      if (delta < this.bestInsert) {
        this.bestInsert = delta;
        this.bestAfter = p;
      }
    }
  }

  /**
   * Route moves between vehicles: a route handed whole to an unused vehicle of another class, or
   * two routes exchanging their vehicles, when the penalised cost drops. O(1) per pair.
   */
  private routeExchangePass(): boolean {
    const rs = this.rs;
    const d = this.data;
    const [a, b, c] = this.seg;
    let applied = false;
    routes: for (let r1 = 0; r1 < rs.nRoutes; r1++) {
      if (rs.routeSize[r1] === 0) continue;
      const v1 = rs.vehicle(r1);
      for (const list of this.classes) {
        if (d.vClass[rs.vehicle(list[0])] === d.vClass[v1]) continue;
        let emptyTried = false;
        for (const r2 of list) {
          if (rs.routeSize[r2] === 0) {
            if (emptyTried) continue;
            emptyTried = true;
          }
          // r1's customers driven by r2's vehicle, and r2's by r1's
          concat(rs.on(r2), rs.single(rs.startOf(r2), a), rs.tailTo(rs.next[rs.startOf(r1)], r2, c), a);
          const first2 = rs.next[rs.startOf(r2)];
          concat(rs.on(r1), rs.single(rs.startOf(r1), b), rs.tailTo(first2, r1, c), b);
          const delta = rs.cost(a, r2) + rs.cost(b, r1) - rs.routeCost[r1] - rs.routeCost[r2];
          if (delta > -1e-5) continue;
          const n1 = rs.sequence(r1, this.bufA);
          const n2 = rs.sequence(r2, this.bufB);
          rs.relink(r1, this.bufB, n2);
          rs.relink(r2, this.bufA, n1);
          this.commit(r1, r2);
          this.markRoute(r1);
          this.markRoute(r2);
          applied = true;
          continue routes;
        }
      }
    }
    return applied;
  }

  /**
   * Route merges: two routes driven one after the other by one vehicle (either one's, or an
   * unused one of any class), when the penalised cost drops; the best merge is applied. A
   * morning and an afternoon route of small vehicles become one day of a larger one, which no
   * customer move reaches (each single step opens or keeps a route). O(1) per pair and vehicle.
   */
  private mergePass(): boolean {
    const rs = this.rs;
    const d = this.data;
    const [a, b, c] = this.seg;
    const nR = rs.nRoutes;
    let bestDelta = -1e-5;
    let best1 = -1;
    let best2 = -1;
    let best3 = -1;
    const empties: number[] = [];
    for (const list of this.classes) {
      const e = this.firstEmptyRoute(list);
      if (e >= 0) empties.push(e);
    }
    for (let r1 = 0; r1 < nR; r1++) {
      if (rs.routeSize[r1] === 0 || d.startCount[rs.vehicle(r1)] > 0) continue;
      rs.customers(r1, a);
      for (let r2 = 0; r2 < nR; r2++) {
        if (r2 === r1 || rs.routeSize[r2] === 0 || d.startCount[rs.vehicle(r2)] > 0) continue;
        // routes timed at different speeds are not merged (their stored segments would need re-timing)
        if (rs.differ(r1, r2)) continue;
        const dv = rs.on(r1);
        concat(dv, a, rs.customers(r2, c), b);
        const base = rs.routeCost[r1] + rs.routeCost[r2];
        for (let k = -2; k < empties.length; k++) {
          const r3 = k === -2 ? r1 : k === -1 ? r2 : empties[k];
          if (rs.differ(r1, r3)) continue;
          concat(dv, rs.single(rs.startOf(r3), c), b, c);
          concat(dv, c, rs.single(rs.endOf(r3), this.seg[3]), c);
          const delta = rs.cost(c, r3) - base;
          if (delta < bestDelta) {
            bestDelta = delta;
            best1 = r1;
            best2 = r2;
            best3 = r3;
          }
        }
      }
    }
    if (best1 < 0) return false;
    const n1 = rs.sequence(best1, this.bufA);
    const n2 = rs.sequence(best2, this.bufB);
    this.bufA.set(this.bufB.subarray(0, n2), n1);
    for (const r of [best1, best2]) if (r !== best3) rs.relink(r, this.bufB, 0);
    rs.relink(best3, this.bufA, n1 + n2);
    this.moves++;
    for (const r of [best1, best2, best3]) this.lastModified[r] = this.moves;
    this.markRoute(best3);
    return true;
  }

  /** Node moves until none improves (at least two loops overall); returns the loop count. */
  private nodeSearch(loop: number, stop: () => boolean): number {
    const rs = this.rs;
    let improved = true;
    // at least two loops: moves into empty routes are only tried from the second one on
    while ((improved || loop < 2) && !stop()) {
      improved = false;
      const promising = this.promising;
      for (const u of this.order) {
        if (rs.routeOf[u] < 0) continue;
        if (promising !== null && promising[u] === 0) continue;
        const tested = this.lastTested[u];
        this.lastTested[u] = this.moves;
        for (const v of this.neighbours[u]) {
          if (rs.routeOf[v] < 0) continue;
          if (loop > 0 && Math.max(this.lastModified[rs.routeOf[u]], this.lastModified[rs.routeOf[v]]) <= tested) continue;
          if (promising === null) {
            if (this.tryMoves(u, v)) improved = true;
            continue;
          }
          // links around u and v before the move change with it: their customers become promising
          const pu = rs.prev[u], nu = rs.next[u], pv = rs.prev[v], nv = rs.next[v];
          if (!this.tryMoves(u, v)) continue;
          improved = true;
          for (const x of [pu, nu, pv, nv, u, v]) if (x < rs.n) this.markAround(x);
        }
        if (loop > 0 && !this.keepFleet) {
          const pu = rs.prev[u], nu = rs.next[u];
          for (const list of this.emptyOrder) {
            const empty = this.firstEmptyRoute(list);
            if (empty >= 0 && this.depotMove(u, rs.startOf(empty))) {
              improved = true;
              this.markRoute(rs.routeOf[u]);
              if (pu < rs.n) this.markAround(pu);
              if (nu < rs.n) this.markAround(nu);
              break;
            }
          }
        }
      }
      loop++;
    }
    return loop;
  }

  private tryMoves(u: number, v: number): boolean {
    // direct calls (not a loop over MOVES) keep each call site monomorphic for the JIT
    if (relocate(this, u, v) || relocatePair(this, u, v) || relocatePairReversed(this, u, v)) return true;
    if (swapOne(this, u, v) || swapPairOne(this, u, v) || swapPairPair(this, u, v)) return true;
    if (twoOpt(this, u, v) || twoOptStarReversed(this, u, v) || twoOptStar(this, u, v)) return true;
    if (this.data.hasTrips && relocateUnload(this, u, v)) return true;
    const pv = this.rs.prev[v];
    if (!this.rs.isDepot(pv)) return false;
    return relocate(this, u, pv) || relocatePair(this, u, pv) || relocatePairReversed(this, u, pv) || twoOptStarReversed(this, u, pv) || twoOptStar(this, u, pv);
  }

  /** The moves of DEPOT_MOVES from u to the start depot `start` of an empty route (a loop, no closure: no allocation). */
  private depotMove(u: number, start: number): boolean {
    for (const m of DEPOT_MOVES) if (m(this, u, start)) return true;
    return false;
  }

  private firstEmptyRoute(list: Int32Array): number {
    for (const r of list) if (this.rs.routeSize[r] === 0) return r;
    return -1;
  }

  /** SWAP* on route pairs linked by a neighbour relation and changed since last tried. */
  private swapStarPass(): boolean {
    const rs = this.rs;
    let applied = false;
    const nR = rs.nRoutes;
    for (const u of this.order) {
      for (const v of this.closest[u]) {
        const r1 = rs.routeOf[u];
        const r2 = rs.routeOf[v];
        if (r1 === r2 || r1 < 0 || r2 < 0 || rs.isDepot(v)) continue;
        const key = r1 < r2 ? r1 * nR + r2 : r2 * nR + r1;
        // after a perturbation, only pairs with a route changed since (every route starts at 1)
        const last = this.pairTested.get(key) ?? (this.promising === null ? 0 : 1);
        if (last >= Math.max(this.lastModified[r1], this.lastModified[r2])) continue;
        this.pairTested.set(key, this.moves);
        if (swapStar(this, r1, r2)) {
          applied = true;
          this.markRoute(r1);
          this.markRoute(r2);
        }
      }
    }
    return applied;
  }
}
