// Local search of the hybrid genetic search (after Vidal 2022): for each customer u and each
// v among its granular neighbours, try the moves in turn; then SWAP* between routes that hold
// neighbouring customers. Penalised costs allow capacity excess and time warp.
import type { Rng } from "../random.js";
import type { ClassicData } from "./classic-data.js";
import type { HgsMove } from "./moves/move.js";
import { relocate } from "./moves/relocate.js";
import { relocatePair, relocatePairReversed } from "./moves/relocate-pair.js";
import { swapOne, swapPairOne, swapPairPair } from "./moves/swap.js";
import { twoOpt } from "./moves/two-opt.js";
import { twoOptStar } from "./moves/two-opt-star.js";
import { twoOptStarReversed } from "./moves/two-opt-star-reversed.js";
import { RouteSet } from "./route-set.js";
import { Segment, visit } from "./segment.js";
import { SpotCache, swapStar } from "./swap-star.js";

/** Closest customers whose routes are paired for SWAP* (HGS pairs routes whose polar sectors overlap). */
const SWAP_STAR_NEIGHBOURS = 3;

/** Moves tried with v = the start depot of an empty route (tryMoves lists the order for (u, v)). */
const DEPOT_MOVES: HgsMove[] = [relocate, relocatePair, relocatePairReversed, twoOptStar];

/** Granular local search over a RouteSet; one instance per solve (holds scratch buffers). */
export class LocalSearch {
  readonly rs: RouteSet;
  /** Scratch segments for move evaluation. */
  readonly seg: Segment[] = Array.from({ length: 6 }, () => new Segment());
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

  constructor(readonly data: ClassicData, nRoutes: number, readonly neighbours: Int32Array[], private readonly rng: Rng) {
    this.rs = new RouteSet(data, nRoutes);
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
  }

  /**
   * True when an inter-route move with distance change `distDelta` and new loads `loadA`, `loadB`
   * cannot improve: exact without time windows, a lower bound with them.
   */
  cannotImprove(ra: number, rb: number, distDelta: number, loadA: number, loadB: number): boolean {
    const rs = this.rs;
    const old = rs.routePenalty[ra] + rs.routePenalty[rb];
    if (this.data.hasTimeWindows) return distDelta - old > -1e-5;
    return distDelta + rs.loadPenalty(loadA) + rs.loadPenalty(loadB) - old > -1e-5;
  }

  /** True when an intra-route move changing distance by `distDelta` (NaN: unknown) cannot improve route r. */
  intraCannotImprove(r: number, distDelta: number): boolean {
    if (Number.isNaN(distDelta)) return false;
    return this.data.hasTimeWindows ? distDelta - this.rs.routePenalty[r] > -1e-5 : distDelta > -1e-5;
  }

  /** Segment of customer (or depot) x alone. */
  single(x: number, out: Segment): Segment {
    return visit(this.data, x, out);
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
  tryIntra(r: number, distDelta: number, build: (src: Int32Array, len: number, dst: Int32Array) => number): boolean {
    if (this.intraCannotImprove(r, distDelta)) return false;
    if (!this.data.hasTimeWindows && !Number.isNaN(distDelta)) {
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
    const c = this.rs.priceSequence(this.bufB, newLen);
    if (c > this.rs.routeCost[r] - 1e-5) return false;
    this.rs.relink(r, this.bufB, newLen);
    this.moves++;
    this.lastModified[r] = this.moves;
    return true;
  }

  /** Runs to a local optimum from `routes` under the given penalties; returns the improved routes. */
  run(routes: ReadonlyArray<ArrayLike<number>>, capPenalty: number, twPenalty: number, stop: () => boolean): number[][] {
    const rs = this.rs;
    rs.capPenalty = capPenalty;
    rs.twPenalty = twPenalty;
    rs.load(routes);
    this.moves = 1;
    this.lastModified.fill(1);
    this.lastTested.fill(0);
    this.pairTested.clear();
    this.rng.shuffle(this.order);
    for (const list of this.neighbours) {
      for (let i = list.length - 1; i > 0; i--) {
        const j = this.rng.int(i + 1);
        const t = list[i];
        list[i] = list[j];
        list[j] = t;
      }
    }
    let loop = 0;
    // node moves to a local optimum, then SWAP* between routes; again while SWAP* changes
    // something (as in PyVRP: the costlier route search runs once per node-search optimum)
    for (;;) {
      loop = this.nodeSearch(loop, stop);
      if (stop() || !this.swapStarPass()) break;
    }
    return rs.toRoutes();
  }

  /** Node moves until none improves (at least two loops overall); returns the loop count. */
  private nodeSearch(loop: number, stop: () => boolean): number {
    const rs = this.rs;
    let improved = true;
    // at least two loops: moves into empty routes are only tried from the second one on
    while ((improved || loop < 2) && !stop()) {
      improved = false;
      for (const u of this.order) {
        const tested = this.lastTested[u];
        this.lastTested[u] = this.moves;
        for (const v of this.neighbours[u]) {
          if (loop > 0 && Math.max(this.lastModified[rs.routeOf[u]], this.lastModified[rs.routeOf[v]]) <= tested) continue;
          if (this.tryMoves(u, v)) improved = true;
        }
        if (loop > 0) {
          const empty = this.firstEmptyRoute();
          if (empty >= 0) for (const m of DEPOT_MOVES) if (m(this, u, rs.startOf(empty))) {
            improved = true;
            break;
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
    const pv = this.rs.prev[v];
    if (!this.rs.isDepot(pv)) return false;
    return relocate(this, u, pv) || relocatePair(this, u, pv) || relocatePairReversed(this, u, pv) || twoOptStarReversed(this, u, pv) || twoOptStar(this, u, pv);
  }

  private firstEmptyRoute(): number {
    for (let r = 0; r < this.rs.nRoutes; r++) if (this.rs.routeSize[r] === 0) return r;
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
        if (r1 === r2 || rs.isDepot(v)) continue;
        const key = r1 < r2 ? r1 * nR + r2 : r2 * nR + r1;
        const last = this.pairTested.get(key) ?? 0;
        if (last >= Math.max(this.lastModified[r1], this.lastModified[r2])) continue;
        this.pairTested.set(key, this.moves);
        if (swapStar(this, r1, r2)) applied = true;
      }
    }
    return applied;
  }
}
