// Multi-depot local search of the location-routing search: granular neighbourhoods (each
// customer against its nearest customers) over relocate, swap, segment moves (or-opt), 2-opt,
// 2-opt* between any two routes (also of different depots), a customer to a new route at any
// allowed depot, and a whole route moved to another depot. First improvement on the penalised
// cost (capacity excess of vehicles and depots priced by the state's penalties).
// Longer than most files: the move evaluators share the same delta helpers and scratch.
import type { LrpData } from "./data.js";
import type { Rng } from "./random.js";
import type { LrpState } from "./state.js";

const EPS = 1e-7;

export class LocalSearch {
  private st!: LrpState;
  private readonly C: Float64Array;
  private readonly S: number;
  private readonly order: number[];
  /** Reversal moves assume cost(a,b) = cost(b,a). */
  private readonly symmetric: boolean;
  moves = 0;

  constructor(private readonly data: LrpData) {
    this.C = data.cost;
    this.S = data.size;
    this.order = Array.from({ length: data.n }, (_, c) => data.m + c);
    let sym = true;
    for (let a = 0; a < data.size && sym; a++)
      for (let b = a + 1; b < data.size; b++)
        if (data.cost[a * data.size + b] !== data.cost[b * data.size + a]) {
          sym = false;
          break;
        }
    this.symmetric = sym;
  }

  /** Improves `st` in place until no move of the neighbourhood improves the penalised cost. */
  run(st: LrpState, rng: Rng): void {
    this.st = st;
    const nb = this.data.neighbours;
    let improved = true;
    let passes = 0;
    while (improved && passes++ < 200) {
      improved = false;
      rng.shuffle(this.order);
      for (const u of this.order) {
        const list = nb[u];
        const lastTested = st.tested[u];
        st.tested[u] = st.clock;
        for (let k = 0; k < list.length; k++) {
          const v = list[k];
          if (st.stamp[st.routeOf[u]] <= lastTested && st.stamp[st.routeOf[v]] <= lastTested) continue;
          if (this.tryPair(u, v)) improved = true;
        }
        if (this.tryNewRoute(u)) improved = true;
      }
      for (let r = 0; r < st.routes.length; r++) if (this.tryMoveRoute(r)) improved = true;
    }
  }

  private tryPair(u: number, v: number): boolean {
    const st = this.st;
    const r1 = st.routeOf[u];
    const r2 = st.routeOf[v];
    if (r1 !== r2) {
      return (
        this.relocateInter(u, r2, st.posOf[v]) ||
        this.relocateInter(u, st.routeOf[v], st.posOf[v] - 1) ||
        this.swapInter(u, v) ||
        this.tailSwap(st.routeOf[u], st.posOf[u], st.routeOf[v], st.posOf[v] - 1) ||
        this.tailSwap(st.routeOf[u], st.posOf[u] - 1, st.routeOf[v], st.posOf[v]) ||
        (this.symmetric && st.depotOf[st.routeOf[u]] === st.depotOf[st.routeOf[v]] &&
          (this.headReverse(st.routeOf[u], st.posOf[u], st.routeOf[v], st.posOf[v]) ||
            this.headReverse(st.routeOf[u], st.posOf[u] - 1, st.routeOf[v], st.posOf[v] - 1))) ||
        this.segmentInter(u, v, 2) ||
        this.segmentInter(u, v, 3)
      );
    }
    return this.intra(u, v);
  }

  private commit(r1: number, seq1: number[], r2 = -1, seq2: number[] = []): boolean {
    this.st.replace(r1, seq1, r2, seq2);
    this.moves++;
    return true;
  }

  // --- objective deltas -------------------------------------------------------------------

  private exV(load: number): number {
    return load > this.data.vehicleCapacity ? load - this.data.vehicleCapacity : 0;
  }

  private exD(d: number, load: number): number {
    return load > this.data.depotCapacity[d] ? load - this.data.depotCapacity[d] : 0;
  }

  /** Penalised change when routes r1 != r2 get new distances, loads and lengths. */
  private deltaTwo(r1: number, nd1: number, nl1: number, len1: number, r2: number, nd2: number, nl2: number, len2: number): number {
    const st = this.st;
    const data = this.data;
    const d1 = st.depotOf[r1];
    const d2 = st.depotOf[r2];
    let delta = nd1 - st.dist[r1] + nd2 - st.dist[r2];
    // no capacity excess now and no route emptied: the travel change is a lower bound
    if (
      delta >= 0 &&
      len1 > 0 &&
      len2 > 0 &&
      st.load[r1] <= data.vehicleCapacity &&
      st.load[r2] <= data.vehicleCapacity &&
      st.depotLoad[d1] <= data.depotCapacity[d1] &&
      st.depotLoad[d2] <= data.depotCapacity[d2]
    )
      return delta;
    delta += st.penV * (this.exV(nl1) - this.exV(st.load[r1]) + this.exV(nl2) - this.exV(st.load[r2]));
    if (len1 === 0) delta -= data.routeCost;
    if (len2 === 0) delta -= data.routeCost;
    if (d1 !== d2) {
      const a = st.depotLoad[d1];
      const b = st.depotLoad[d2];
      delta += st.penD * (this.exD(d1, a + nl1 - st.load[r1]) - this.exD(d1, a) + this.exD(d2, b + nl2 - st.load[r2]) - this.exD(d2, b));
      if (len1 === 0 && st.depotRoutes[d1] === 1) delta -= data.openingCost[d1];
      if (len2 === 0 && st.depotRoutes[d2] === 1) delta -= data.openingCost[d2];
    } else if (len1 === 0 && len2 === 0 && st.depotRoutes[d1] === 2) delta -= data.openingCost[d1];
    return delta;
  }

  /** Travel cost of u's route once u is taken out. */
  private distWithout(u: number): number {
    const st = this.st;
    const r = st.routeOf[u];
    const i = st.posOf[u];
    if (st.routes[r].length === 1) return 0;
    const p = this.prevOf(r, i);
    const nx = this.nextOf(r, i);
    return st.dist[r] - this.C[p * this.S + u] - this.C[u * this.S + nx] + this.C[p * this.S + nx];
  }

  private prevOf(r: number, i: number): number {
    return i > 0 ? this.st.routes[r][i - 1] : this.st.depotOf[r];
  }

  private nextOf(r: number, i: number): number {
    const seq = this.st.routes[r];
    return i + 1 < seq.length ? seq[i + 1] : this.st.depotOf[r];
  }

  // --- inter-route moves --------------------------------------------------------------------

  /** Customer u into route r2 after position j (-1: first). */
  private relocateInter(u: number, r2: number, j: number): boolean {
    const st = this.st;
    const C = this.C;
    const S = this.S;
    const r1 = st.routeOf[u];
    const i = st.posOf[u];
    const s1 = st.routes[r1];
    const nd1 = this.distWithout(u);
    const a = j >= 0 ? st.routes[r2][j] : st.depotOf[r2];
    const b = this.nextOf(r2, j);
    const nd2 = st.dist[r2] + C[a * S + u] + C[u * S + b] - C[a * S + b];
    const q = this.data.demand[u];
    if (this.deltaTwo(r1, nd1, st.load[r1] - q, s1.length - 1, r2, nd2, st.load[r2] + q, 2) > -EPS) return false;
    const n1 = s1.slice();
    n1.splice(i, 1);
    const n2 = st.routes[r2].slice();
    n2.splice(j + 1, 0, u);
    return this.commit(r1, n1, r2, n2);
  }

  private swapInter(u: number, v: number): boolean {
    const st = this.st;
    const C = this.C;
    const S = this.S;
    const r1 = st.routeOf[u];
    const r2 = st.routeOf[v];
    const i = st.posOf[u];
    const j = st.posOf[v];
    const p1 = this.prevOf(r1, i);
    const n1 = this.nextOf(r1, i);
    const p2 = this.prevOf(r2, j);
    const n2 = this.nextOf(r2, j);
    const nd1 = st.dist[r1] - C[p1 * S + u] - C[u * S + n1] + C[p1 * S + v] + C[v * S + n1];
    const nd2 = st.dist[r2] - C[p2 * S + v] - C[v * S + n2] + C[p2 * S + u] + C[u * S + n2];
    const dq = this.data.demand[v] - this.data.demand[u];
    const len1 = st.routes[r1].length;
    const len2 = st.routes[r2].length;
    if (this.deltaTwo(r1, nd1, st.load[r1] + dq, len1, r2, nd2, st.load[r2] - dq, len2) > -EPS) return false;
    const a = st.routes[r1].slice();
    const b = st.routes[r2].slice();
    a[i] = v;
    b[j] = u;
    return this.commit(r1, a, r2, b);
  }

  private prefixLoad(r: number, i: number): number {
    return i < 0 ? 0 : this.st.preLoad[r][i];
  }


  /** 2-opt*: r1 keeps its head up to i then r2's tail after j, and vice versa (-1: empty head). */
  private tailSwap(r1: number, i: number, r2: number, j: number): boolean {
    const st = this.st;
    const C = this.C;
    const S = this.S;
    const s1 = st.routes[r1];
    const s2 = st.routes[r2];
    if (i === s1.length - 1 && j === s2.length - 1) return false;
    if (i === -1 && j === -1) return false;
    const d1 = st.depotOf[r1];
    const d2 = st.depotOf[r2];
    const a = i >= 0 ? s1[i] : d1;
    const b = j >= 0 ? s2[j] : d2;
    const hasX = i + 1 < s1.length;
    const hasY = j + 1 < s2.length;
    const x = hasX ? s1[i + 1] : d1;
    const y = hasY ? s2[j + 1] : d2;
    const newA1 = hasY ? y : d1;
    const newB1 = hasX ? x : d2;
    let e1 = C[a * S + newA1] - C[a * S + x];
    let e2 = C[b * S + newB1] - C[b * S + y];
    // the tails now return to the other depot
    if (d1 !== d2) {
      if (hasY) {
        const last2 = s2[s2.length - 1];
        e1 += C[last2 * S + d1] - C[last2 * S + d2];
      }
      if (hasX) {
        const last1 = s1[s1.length - 1];
        e2 += C[last1 * S + d2] - C[last1 * S + d1];
      }
    }
    // distances move with the tails: tail costs (inner edges) swap between routes
    const tail1 = hasX ? this.tailInner(r1, i + 1) : 0;
    const tail2 = hasY ? this.tailInner(r2, j + 1) : 0;
    const pre1 = this.prefixLoad(r1, i);
    const pre2 = this.prefixLoad(r2, j);
    const len1 = i + 1 + (s2.length - j - 1);
    const len2 = j + 1 + (s1.length - i - 1);
    const nd1 = len1 === 0 ? 0 : st.dist[r1] + e1 - tail1 + tail2;
    const nd2 = len2 === 0 ? 0 : st.dist[r2] + e2 - tail2 + tail1;
    const nl1 = pre1 + st.load[r2] - pre2;
    const nl2 = pre2 + st.load[r1] - pre1;
    if (this.deltaTwo(r1, nd1, nl1, len1, r2, nd2, nl2, len2) > -EPS) return false;
    const n1 = s1.slice(0, i + 1).concat(s2.slice(j + 1));
    const n2 = s2.slice(0, j + 1).concat(s1.slice(i + 1));
    return this.commit(r1, n1, r2, n2);
  }

  /** Cost of the tail from position k to the end, including the edge back to the depot. */
  private tailInner(r: number, k: number): number {
    return this.st.dist[r] - this.st.preDist[r][k];
  }


  /** Cost from the depot through positions 0..i (0 when i = -1). */
  private headCost(r: number, i: number): number {
    return i < 0 ? 0 : this.st.preDist[r][i];
  }


  /**
   * 2-opt* across routes of one depot, reversing: r1 = head1 + reversed head2, r2 = reversed
   * tail1 + tail2 (symmetric costs only).
   */
  private headReverse(r1: number, i: number, r2: number, j: number): boolean {
    const st = this.st;
    const C = this.C;
    const S = this.S;
    const s1 = st.routes[r1];
    const s2 = st.routes[r2];
    const d = st.depotOf[r1];
    const hasX = i + 1 < s1.length;
    const hasY = j + 1 < s2.length;
    if (i < 0 && j < 0) return false;
    if (!hasX && !hasY) return false;
    const a = i >= 0 ? s1[i] : d;
    const b = j >= 0 ? s2[j] : d;
    const x = hasX ? s1[i + 1] : d;
    const y = hasY ? s2[j + 1] : d;
    const len1 = i + 1 + j + 1;
    const len2 = s1.length - i - 1 + s2.length - j - 1;
    const nd1 = len1 === 0 ? 0 : this.headCost(r1, i) + C[a * S + b] + this.headCost(r2, j);
    const nd2 = len2 === 0 ? 0 : (hasX ? this.tailInner(r1, i + 1) : 0) + C[x * S + y] + (hasY ? this.tailInner(r2, j + 1) : 0);
    const pre1 = this.prefixLoad(r1, i);
    const pre2 = this.prefixLoad(r2, j);
    if (this.deltaTwo(r1, nd1, pre1 + pre2, len1, r2, nd2, st.load[r1] + st.load[r2] - pre1 - pre2, len2) > -EPS) return false;
    const n1 = s1.slice(0, i + 1).concat(s2.slice(0, j + 1).reverse());
    const n2 = s1.slice(i + 1).reverse().concat(s2.slice(j + 1));
    return this.commit(r1, n1, r2, n2);
  }

  /**
   * Segment of L customers starting at u moved into v's route: after v (v→u), or reversed
   * before v (u→v; symmetric costs only).
   */
  private segmentInter(u: number, v: number, L: number): boolean {
    const st = this.st;
    const C = this.C;
    const S = this.S;
    const r1 = st.routeOf[u];
    const r2 = st.routeOf[v];
    const i = st.posOf[u];
    const s1 = st.routes[r1];
    if (i + L > s1.length) return false;
    const sEnd = s1[i + L - 1];
    const p = this.prevOf(r1, i);
    const nx = this.nextOf(r1, i + L - 1);
    let inner = 0;
    let segLoad = 0;
    for (let t = i; t < i + L; t++) {
      segLoad += this.data.demand[s1[t]];
      if (t > i) inner += C[s1[t - 1] * S + s1[t]];
    }
    const len1 = s1.length - L;
    const nd1 = len1 === 0 ? 0 : st.dist[r1] - C[p * S + u] - C[sEnd * S + nx] - inner + C[p * S + nx];
    const j = st.posOf[v];
    for (let variant = 0; variant < 2; variant++) {
      if (variant === 1 && !this.symmetric) break;
      let nd2: number;
      let at: number;
      if (variant === 0) {
        const b = this.nextOf(r2, j);
        nd2 = st.dist[r2] - C[v * S + b] + C[v * S + u] + inner + C[sEnd * S + b];
        at = j + 1;
      } else {
        const a = this.prevOf(r2, j);
        nd2 = st.dist[r2] - C[a * S + v] + C[a * S + sEnd] + inner + C[u * S + v];
        at = j;
      }
      if (this.deltaTwo(r1, nd1, st.load[r1] - segLoad, len1, r2, nd2, st.load[r2] + segLoad, 2) > -EPS) continue;
      const seg = s1.slice(i, i + L);
      if (variant === 1) seg.reverse();
      const n1 = s1.slice(0, i).concat(s1.slice(i + L));
      const n2 = st.routes[r2].slice();
      n2.splice(at, 0, ...seg);
      return this.commit(r1, n1, r2, n2);
    }
    return false;
  }

  // --- intra-route moves (O(1) deltas; the new order is built only when applied) -----------

  private at(r: number, k: number): number {
    const seq = this.st.routes[r];
    return k >= 0 && k < seq.length ? seq[k] : this.st.depotOf[r];
  }

  private intra(u: number, v: number): boolean {
    const st = this.st;
    const C = this.C;
    const S = this.S;
    const r = st.routeOf[u];
    const seq = st.routes[r];
    const i = st.posOf[u];
    const jv = st.posOf[v];
    const len = seq.length;
    // relocate segment [i, i+L) after position j (after v, or before v), forward or reversed
    for (let L = 1; L <= 3 && i + L <= len; L++) {
      if (jv >= i && jv < i + L) break;
      const s0 = seq[i];
      const sL = seq[i + L - 1];
      const p = this.at(r, i - 1);
      const nx = this.at(r, i + L);
      const removal = C[p * S + nx] - C[p * S + s0] - C[sL * S + nx];
      for (const j of [jv, jv - 1]) {
        if (j >= i - 1 && j <= i + L - 1) continue;
        const a = this.at(r, j);
        const b = this.at(r, j + 1);
        for (let rev = 0; rev < 2; rev++) {
          if (rev === 1 && (L === 1 || !this.symmetric)) break;
          const ins = rev === 0 ? C[a * S + s0] + C[sL * S + b] - C[a * S + b] : C[a * S + sL] + C[s0 * S + b] - C[a * S + b];
          if (removal + ins > -EPS) continue;
          const seg = seq.slice(i, i + L);
          if (rev === 1) seg.reverse();
          const rest = seq.slice(0, i).concat(seq.slice(i + L));
          const at = j < i ? j + 1 : j + 1 - L;
          rest.splice(at, 0, ...seg);
          return this.commit(r, rest);
        }
      }
    }
    // swap
    {
      const lo = Math.min(i, jv);
      const hi = Math.max(i, jv);
      const x = seq[lo];
      const y = seq[hi];
      const p = this.at(r, lo - 1);
      const nx = this.at(r, hi + 1);
      let delta: number;
      if (hi === lo + 1) delta = C[p * S + y] + C[y * S + x] + C[x * S + nx] - C[p * S + x] - C[x * S + y] - C[y * S + nx];
      else {
        const n1 = seq[lo + 1];
        const p2 = seq[hi - 1];
        delta = C[p * S + y] + C[y * S + n1] + C[p2 * S + x] + C[x * S + nx] - C[p * S + x] - C[x * S + n1] - C[p2 * S + y] - C[y * S + nx];
      }
      if (delta < -EPS) {
        const n = seq.slice();
        n[lo] = y;
        n[hi] = x;
        return this.commit(r, n);
      }
    }
    // 2-opt: reverse [k, l] so that u and v become adjacent
    if (this.symmetric) {
      const lo = Math.min(i, jv);
      const hi = Math.max(i, jv);
      for (const [k, l] of [
        [lo + 1, hi],
        [lo, hi - 1],
      ]) {
        if (l <= k) continue;
        const a = this.at(r, k - 1);
        const b = this.at(r, l + 1);
        const delta = C[a * S + seq[l]] + C[seq[k] * S + b] - C[a * S + seq[k]] - C[seq[l] * S + b];
        if (delta > -EPS) continue;
        const n = seq.slice(0, k).concat(seq.slice(k, l + 1).reverse(), seq.slice(l + 1));
        return this.commit(r, n);
      }
    }
    return false;
  }

  // --- depot-level moves --------------------------------------------------------------------

  /** Customer u alone on a new route from the best allowed depot. */
  private tryNewRoute(u: number): boolean {
    const st = this.st;
    const data = this.data;
    const C = this.C;
    const S = this.S;
    const r1 = st.routeOf[u];
    const i = st.posOf[u];
    const s1 = st.routes[r1];
    const d1 = st.depotOf[r1];
    const q = data.demand[u];
    const nd1 = this.distWithout(u);
    let base = nd1 - st.dist[r1] + st.penV * (this.exV(st.load[r1] - q) - this.exV(st.load[r1]));
    if (s1.length === 1) base -= data.routeCost;
    let best = -EPS;
    let bestD = -1;
    for (let d = 0; d < data.m; d++) {
      if (!st.allowed[d] && st.depotRoutes[d] === 0) continue;
      if (d === d1 && s1.length === 1) continue;
      let delta = base + data.routeCost + C[d * S + u] + C[u * S + d] + st.penV * this.exV(q);
      if (d !== d1) {
        delta += st.penD * (this.exD(d1, st.depotLoad[d1] - q) - this.exD(d1, st.depotLoad[d1]) + this.exD(d, st.depotLoad[d] + q) - this.exD(d, st.depotLoad[d]));
        if (st.depotRoutes[d] === 0) delta += data.openingCost[d];
        if (s1.length === 1 && st.depotRoutes[d1] === 1) delta -= data.openingCost[d1];
      }
      if (delta < best) {
        best = delta;
        bestD = d;
      }
    }
    if (bestD < 0) return false;
    const n1 = s1.slice();
    n1.splice(i, 1);
    st.replace(r1, n1);
    st.addRoute(bestD, [u]);
    this.moves++;
    return true;
  }

  /** Route r served from another allowed depot, entering its cycle where it is cheapest. */
  private tryMoveRoute(r: number): boolean {
    const st = this.st;
    const data = this.data;
    const C = this.C;
    const S = this.S;
    const seq = st.routes[r];
    const len = seq.length;
    const d0 = st.depotOf[r];
    const load = st.load[r];
    const first = seq[0];
    const last = seq[len - 1];
    const cycle = st.dist[r] - C[d0 * S + first] - C[last * S + d0] + C[last * S + first];
    const closeGain = st.depotRoutes[d0] === 1 ? data.openingCost[d0] : 0;
    const exOld = this.exD(d0, st.depotLoad[d0] - load) - this.exD(d0, st.depotLoad[d0]);
    let best = -EPS;
    let bestD = -1;
    let bestK = 0;
    for (let d = 0; d < data.m; d++) {
      if (d === d0 || (!st.allowed[d] && st.depotRoutes[d] === 0)) continue;
      const fixed = (st.depotRoutes[d] === 0 ? data.openingCost[d] : 0) - closeGain + st.penD * (exOld + this.exD(d, st.depotLoad[d] + load) - this.exD(d, st.depotLoad[d]));
      // enter between seq[k] and seq[k+1 mod len]
      for (let k = 0; k < len; k++) {
        const a = seq[k];
        const b = seq[(k + 1) % len];
        const nd = cycle - C[a * S + b] + C[a * S + d] + C[d * S + b];
        const delta = nd - st.dist[r] + fixed;
        if (delta < best) {
          best = delta;
          bestD = d;
          bestK = k;
        }
      }
    }
    if (bestD < 0) return false;
    const rot: number[] = [];
    for (let t = 1; t <= len; t++) rot.push(seq[(bestK + t) % len]);
    st.moveRoute(r, bestD, rot);
    this.moves++;
    return true;
  }
}
