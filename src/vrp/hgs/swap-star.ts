// SWAP* (Vidal 2022): exchange u of route 1 and v of route 2, each inserted at its best
// position in the other route (not necessarily where the other one was). Candidates are
// priced by distance and load with the three best insertion spots per customer; the best
// is then priced exactly and kept only if the penalised cost drops.
import type { LocalSearch } from "./local-search.js";
import type { RouteSet } from "./route-set.js";

/**
 * The three cheapest insertion spots of each customer in each route, by added distance:
 * slot (u·R + r)·3 + s holds the cost and the node to insert after; valid while the route's
 * stamp equals `stamp[u·R + r]` (routes are re-stamped whenever they change).
 */
export class SpotCache {
  readonly cost: Float64Array;
  readonly after: Int32Array;
  readonly stamp: Float64Array;

  constructor(n: number, nRoutes: number) {
    this.cost = new Float64Array(3 * n * nRoutes);
    this.after = new Int32Array(3 * n * nRoutes);
    this.stamp = new Float64Array(n * nRoutes);
  }
}

/** Makes the cached top three spots of customer u in route r current; returns the slot base. */
function refresh(ls: LocalSearch, c: SpotCache, u: number, r: number): number {
  const rs = ls.rs;
  const key = u * rs.nRoutes + r;
  const base = key * 3;
  if (c.stamp[key] === rs.routeStamp[r]) return base;
  const dist = rs.nd;
  const m = rs.nodes;
  const next = rs.next;
  const rowU = u * m;
  let c0 = Infinity;
  let c1 = Infinity;
  let c2 = Infinity;
  let a0 = -1;
  let a1 = -1;
  let a2 = -1;
  const end = rs.endOf(r);
  let p = rs.startOf(r);
  // symmetric distances: both legs read from u's row and the removed leg from nextDist (the
  // column dist[p·m + u] and dist[p·m + q] are a cache miss each on large instances)
  const sym = ls.data.symmetric;
  const edge = rs.nextDist;
  let toP = dist[rowU + p];
  while (p !== end) {
    const q = next[p];
    const toQ = dist[rowU + q];
    const cost = sym ? toP + toQ - edge[p] : dist[p * m + u] + toQ - dist[p * m + q];
    toP = toQ;
    if (cost < c2) {
      if (cost < c1) {
        c2 = c1;
        a2 = a1;
        if (cost < c0) {
          c1 = c0;
          a1 = a0;
          c0 = cost;
          a0 = p;
        } else {
          c1 = cost;
          a1 = p;
        }
      } else {
        c2 = cost;
        a2 = p;
      }
    }
    p = q;
  }
  c.cost[base] = c0;
  c.cost[base + 1] = c1;
  c.cost[base + 2] = c2;
  c.after[base] = a0;
  c.after[base + 1] = a1;
  c.after[base + 2] = a2;
  c.stamp[key] = rs.routeStamp[r];
  return base;
}

/** Result of bestSpot (module scratch, to keep the pair loop free of allocations). */
let spotCost = 0;
let spotAfter = -1;

/** Cheapest spot for x in a route among its top three (slot `base`), avoiding spots next to `gone`; or in place of `gone`. */
function bestSpot(ls: LocalSearch, c: SpotCache, base: number, x: number, gone: number): void {
  const rs = ls.rs;
  const dist = rs.nd;
  const m = rs.nodes;
  const lp = rs.prev[gone];
  const lq = rs.next[gone];
  const lx = x;
  // symmetric distances: x's row only (cache-friendlier)
  let best = (ls.data.symmetric ? dist[lx * m + lp] : dist[lp * m + lx]) + dist[lx * m + lq] - dist[lp * m + lq];
  let after = rs.prev[gone];
  for (let s = 0; s < 3; s++) {
    const a = c.after[base + s];
    if (a < 0 || a === gone || rs.next[a] === gone) continue;
    if (c.cost[base + s] < best) {
      best = c.cost[base + s];
      after = a;
    }
    break;
  }
  spotCost = best;
  spotAfter = after;
}

/** Distance saved by taking x out of its route (negative or zero under the triangle inequality). */
function removal(rs: RouteSet, dist: Float64Array | Float32Array, m: number, x: number): number {
  const p = rs.prev[x];
  const q = rs.next[x];
  // the two legs at x are stored per node (rs.nextDist)
  return dist[p * m + q] - rs.nextDist[p] - rs.nextDist[x];
}

function loadPenalty(load: number, capacity: number, penalty: number): number {
  return load > capacity ? penalty * (load - capacity) : 0;
}

/** Tries SWAP* between routes r1 and r2; returns true when applied. */
export function swapStar(ls: LocalSearch, r1: number, r2: number): boolean {
  const { rs, data } = ls;
  const m = rs.nodes;
  const dist = rs.nd;
  const c1 = ls.starA;
  const c2 = ls.starB;
  const n1 = rs.sequence(r1, c1);
  const n2 = rs.sequence(r2, c2);
  if (n1 === 0 || n2 === 0) return false;
  const cache = ls.spots;
  const base1 = ls.starBase1;
  const base2 = ls.starBase2;
  for (let i = 0; i < n1; i++) base1[i] = refresh(ls, cache, c1[i], r2);
  for (let k = 0; k < n2; k++) base2[k] = refresh(ls, cache, c2[k], r1);
  const load1 = rs.routeLoad[r1];
  const load2 = rs.routeLoad[r2];
  // estimates in dimension 0 and in distance times each route's cost of a km of detour
  const Q1 = data.vCapacity[rs.vehicle(r1) * data.nDims];
  const Q2 = data.vCapacity[rs.vehicle(r2) * data.nDims];
  const f1 = ls.kmCost[r1];
  const f2 = ls.kmCost[r2];
  const P = rs.capPenalty;
  const pen1 = loadPenalty(load1, Q1, P);
  const pen2 = loadPenalty(load2, Q2, P);
  let best = -1e-5;
  let bu = -1;
  let bv = -1;
  let afterU = -1;
  let afterV = -1;
  const rem1 = ls.starGain1;
  const rem2 = ls.starGain2;
  for (let i = 0; i < n1; i++) rem1[i] = f1 * removal(rs, dist, m, c1[i]);
  for (let k = 0; k < n2; k++) rem2[k] = f2 * removal(rs, dist, m, c2[k]);
  for (let i = 0; i < n1; i++) {
    const u = c1[i];
    const ru = rem1[i];
    const du = data.demand[u];
    for (let k = 0; k < n2; k++) {
      const v = c2[k];
      const dem = data.demand[v] - du;
      const dPen = loadPenalty(load1 + dem, Q1, P) - pen1 + loadPenalty(load2 - dem, Q2, P) - pen2;
      const rv = rem2[k];
      if (ru + rv + dPen >= best) continue;
      bestSpot(ls, cache, base1[i], u, v);
      const insU = f2 * spotCost;
      const aU = spotAfter;
      if (ru + rv + dPen + insU >= best) continue;
      bestSpot(ls, cache, base2[k], v, u);
      const delta = ru + rv + dPen + insU + f1 * spotCost;
      if (delta < best) {
        best = delta;
        bu = u;
        bv = v;
        afterU = aU;
        afterV = spotAfter;
      }
    }
  }
  // relocations of one customer into the other route come for free from the same spots (as in HGS)
  for (let i = 0; i < n1; i++) {
    const u = c1[i];
    const du = data.demand[u];
    const delta = rem1[i] + f2 * cache.cost[base1[i]] + loadPenalty(load1 - du, Q1, P) - pen1 + loadPenalty(load2 + du, Q2, P) - pen2;
    if (delta < best) {
      best = delta;
      bu = u;
      bv = -1;
      afterU = cache.after[base1[i]];
    }
  }
  for (let k = 0; k < n2; k++) {
    const v = c2[k];
    const dv = data.demand[v];
    const delta = rem2[k] + f1 * cache.cost[base2[k]] + loadPenalty(load1 + dv, Q1, P) - pen1 + loadPenalty(load2 - dv, Q2, P) - pen2;
    if (delta < best) {
      best = delta;
      bu = -1;
      bv = v;
      afterV = cache.after[base2[k]];
    }
  }
  if (bu < 0 && bv < 0) return false;
  // priced exactly before it is applied: time, waiting and warp are not in the estimate, which
  // rarely holds with time windows (the routes are left as they are, their cached spots valid)
  const before = rs.routeCost[r1] + rs.routeCost[r2];
  const len1 = exchanged(rs, r1, c1, n1, bu, bv, afterV, ls.starNew1);
  const len2 = exchanged(rs, r2, c2, n2, bv, bu, afterU, ls.starNew2);
  if (rs.priceSequence(r1, ls.starNew1, len1) + rs.priceSequence(r2, ls.starNew2, len2) > before - 1e-5) return false;
  if (bu >= 0) rs.remove(bu);
  if (bv >= 0) rs.remove(bv);
  if (bv >= 0) rs.insertAfter(bv, afterV);
  if (bu >= 0) rs.insertAfter(bu, afterU);
  ls.commit(r1, r2);
  return true;
}

/**
 * Route r's order `seq[0..len)` without `out` (-1: none) and with `inn` (-1: none) after node
 * `after` (a customer of r or its start depot), written to `dst`; returns the new length.
 */
function exchanged(rs: RouteSet, r: number, seq: Int32Array, len: number, out: number, inn: number, after: number, dst: Int32Array): number {
  let k = 0;
  if (inn >= 0 && after === rs.startOf(r)) dst[k++] = inn;
  for (let i = 0; i < len; i++) {
    const x = seq[i];
    if (x === out) continue;
    dst[k++] = x;
    if (inn >= 0 && x === after) dst[k++] = inn;
  }
  return k;
}
