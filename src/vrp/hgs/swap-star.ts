// SWAP* (Vidal 2022): exchange u of route 1 and v of route 2, each inserted at its best
// position in the other route (not necessarily where the other one was). Candidates are
// priced by distance and load with the three best insertion spots per customer; the best
// is then priced exactly and kept only if the penalised cost drops.
import type { LocalSearch } from "./local-search.js";

interface Spots {
  cost: Float64Array;
  after: Int32Array;
}

/** Best three insertion spots of every customer of `from` into route `into` (by distance). */
function topThree(ls: LocalSearch, from: ArrayLike<number>, into: ArrayLike<number>, intoLen: number, startDepot: number, spots: Spots): Spots {
  const { rs, data } = ls;
  const m = data.nLoc;
  const { cost, after } = spots;
  cost.fill(Infinity, 0, from.length * 3);
  after.fill(-1, 0, from.length * 3);
  for (let k = 0; k < from.length; k++) {
    const u = from[k];
    const lu = rs.locOf(u);
    let p = startDepot;
    for (let i = 0; i <= intoLen; i++) {
      const q = i < intoLen ? into[i] : rs.next[p];
      const lp = rs.locOf(p);
      const lq = rs.locOf(q);
      const c = data.dist[lp * m + lu] + data.dist[lu * m + lq] - data.dist[lp * m + lq];
      const b = k * 3;
      if (c < cost[b + 2]) {
        let s = 2;
        while (s > 0 && c < cost[b + s - 1]) {
          cost[b + s] = cost[b + s - 1];
          after[b + s] = after[b + s - 1];
          s--;
        }
        cost[b + s] = c;
        after[b + s] = p;
      }
      p = q;
    }
  }
  return spots;
}

/** Cache of each customer's top three spots in each route, valid while the route's stamp is unchanged. */
interface SpotCache {
  cost: Float64Array;
  after: Int32Array;
  stamp: Float64Array;
  one: Spots;
}

let lastLs: LocalSearch | null = null;
let lastCache: SpotCache | null = null;
const caches = new WeakMap<LocalSearch, SpotCache>();

function cacheFor(ls: LocalSearch): SpotCache {
  if (ls === lastLs && lastCache) return lastCache;
  let c = caches.get(ls);
  if (!c) {
    const size = ls.data.n * ls.rs.nRoutes;
    c = { cost: new Float64Array(3 * size), after: new Int32Array(3 * size), stamp: new Float64Array(size), one: { cost: new Float64Array(3), after: new Int32Array(3) } };
    caches.set(ls, c);
  }
  lastLs = ls;
  lastCache = c;
  return c;
}

/** Top three spots of customer u in route r, from the cache or computed (then stored) — written at `spots[k]`. */
const single = [0];

function spotsOf(ls: LocalSearch, c: SpotCache, u: number, r: number, into: Int32Array, intoLen: number, k: number, spots: Spots): void {
  const key = u * ls.rs.nRoutes + r;
  if (c.stamp[key] !== ls.rs.routeStamp[r]) {
    single[0] = u;
    topThree(ls, single, into, intoLen, ls.rs.startOf(r), c.one);
    c.cost.set(c.one.cost, key * 3);
    c.after.set(c.one.after, key * 3);
    c.stamp[key] = ls.rs.routeStamp[r];
  }
  for (let s = 0; s < 3; s++) {
    spots.cost[k * 3 + s] = c.cost[key * 3 + s];
    spots.after[k * 3 + s] = c.after[key * 3 + s];
  }
}

const scratch = new WeakMap<LocalSearch, [Spots, Spots]>();

function spotsFor(ls: LocalSearch): [Spots, Spots] {
  let s = scratch.get(ls);
  if (!s) {
    const make = (): Spots => ({ cost: new Float64Array(3 * ls.data.n), after: new Int32Array(3 * ls.data.n) });
    s = [make(), make()];
    scratch.set(ls, s);
  }
  return s;
}

/** Result of bestSpot (module scratch, to keep the pair loop free of allocations). */
let spotCost = 0;
let spotAfter = -1;

/** Cheapest spot for x in a route among its top three, avoiding spots next to `gone`; or in place of `gone`. */
function bestSpot(ls: LocalSearch, spots: Spots, k: number, x: number, gone: number): void {
  const { rs, data } = ls;
  const m = data.nLoc;
  const p = rs.prev[gone];
  const q = rs.next[gone];
  const lx = rs.locOf(x);
  let best = data.dist[rs.locOf(p) * m + lx] + data.dist[lx * m + rs.locOf(q)] - data.dist[rs.locOf(p) * m + rs.locOf(q)];
  let after = p;
  for (let s = 0; s < 3; s++) {
    const a = spots.after[k * 3 + s];
    if (a < 0 || a === gone || rs.next[a] === gone) continue;
    if (spots.cost[k * 3 + s] < best) {
      best = spots.cost[k * 3 + s];
      after = a;
    }
    break;
  }
  spotCost = best;
  spotAfter = after;
}


/** Tries SWAP* between routes r1 and r2; returns true when applied. */
export function swapStar(ls: LocalSearch, r1: number, r2: number): boolean {
  const { rs, data } = ls;
  const m = data.nLoc;
  const c1 = ls.starA;
  const c2 = ls.starB;
  const n1 = rs.sequence(r1, c1);
  const n2 = rs.sequence(r2, c2);
  if (n1 === 0 || n2 === 0) return false;
  const [buf1, buf2] = spotsFor(ls);
  const cache = cacheFor(ls);
  for (let i = 0; i < n1; i++) spotsOf(ls, cache, c1[i], r2, c2, n2, i, buf1);
  for (let k = 0; k < n2; k++) spotsOf(ls, cache, c2[k], r1, c1, n1, k, buf2);
  const s1 = buf1;
  const s2 = buf2;
  const load1 = rs.routeLoad[r1];
  const load2 = rs.routeLoad[r2];
  const Q = data.capacity;
  const pen = (load: number): number => (load > Q ? rs.capPenalty * (load - Q) : 0);
  const removal = (x: number): number => {
    const p = rs.locOf(rs.prev[x]);
    const q = rs.locOf(rs.next[x]);
    const l = rs.locOf(x);
    return data.dist[p * m + q] - data.dist[p * m + l] - data.dist[l * m + q];
  };
  let best = -1e-5;
  let bu = -1;
  let bv = -1;
  let afterU = -1;
  let afterV = -1;
  const rem2 = ls.starGain;
  for (let k = 0; k < n2; k++) rem2[k] = removal(c2[k]);
  for (let i = 0; i < n1; i++) {
    const u = c1[i];
    const ru = removal(u);
    for (let k = 0; k < n2; k++) {
      const v = c2[k];
      const dem = data.demand[v] - data.demand[u];
      const dPen = pen(load1 + dem) - pen(load1) + pen(load2 - dem) - pen(load2);
      const rv = rem2[k];
      if (ru + rv + dPen >= best) continue;
      bestSpot(ls, s1, i, u, v);
      const insU = spotCost;
      const aU = spotAfter;
      bestSpot(ls, s2, k, v, u);
      const delta = ru + rv + dPen + insU + spotCost;
      if (delta < best) {
        best = delta;
        bu = u;
        bv = v;
        afterU = aU;
        afterV = spotAfter;
      }
    }
  }
  if (bu < 0) return false;
  const before = rs.routeCost[r1] + rs.routeCost[r2];
  rs.remove(bu);
  rs.remove(bv);
  rs.insertAfter(bv, afterV);
  rs.insertAfter(bu, afterU);
  rs.update(r1);
  rs.update(r2);
  if (rs.routeCost[r1] + rs.routeCost[r2] > before - 1e-5) {
    // time warp (not in the estimate) made it worse: restore both routes
    rs.relink(r1, c1, n1);
    rs.relink(r2, c2, n2);
    return false;
  }
  ls.commit(r1, r2);
  return true;
}
