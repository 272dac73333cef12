// Swaps between two customers' neighbourhoods: u with v (HGS move 4), the pair (u, next u)
// with v (move 5), and the pairs (u, next u) with (v, next v) (move 6).
import type { LocalSearch } from "../local-search.js";
import { concat } from "../segment.js";
import { boundRejects, EPS, type HgsMove } from "./move.js";

/** Swaps the string of `lu` customers starting at u with the string of `lv` starting at v. */
function swapStrings(ls: LocalSearch, u: number, v: number, lu: number, lv: number): boolean {
  const rs = ls.rs;
  if (rs.isDepot(v) || u === v) return false;
  const uEnd = lu === 2 ? rs.next[u] : u;
  const vEnd = lv === 2 ? rs.next[v] : v;
  if (rs.isDepot(uEnd) || rs.isDepot(vEnd)) return false;
  const ru = rs.routeOf[u];
  const rv = rs.routeOf[v];
  const pu = rs.prev[u];
  const pv = rs.prev[v];
  const nu = rs.next[uEnd];
  const nv = rs.next[vEnd];
  if (ru === rv) {
    // adjacent strings in one route: the exchange is a relocation, which relocate already tries
    if (nu === v || nv === u || uEnd === v || vEnd === u) return false;
    return swapInside(ls, ru, u, v, lu, lv, uEnd, vEnd, pu, pv, nu, nv);
  }
  if (rs.boundable) {
    // both routes' new costs bounded from their stored segments (a mixed fleet's costs included)
    const lbU = rs.lbRoute(ru, pu, v, lv === 2 ? vEnd : -1, nu);
    if (boundRejects(lbU + rs.lbRoute(rv, pv, u, lu === 2 ? uEnd : -1, nv) - rs.routeCost[ru] - rs.routeCost[rv])) return false;
  } else {
    const distDelta =
      rs.d(pu, v) + rs.d(vEnd, nu) + rs.d(pv, u) + rs.d(uEnd, nv) - rs.d(pu, u) - rs.d(uEnd, nu) - rs.d(pv, v) - rs.d(vEnd, nv);
    const qu = ls.data.demand[u] + (lu === 2 ? ls.data.demand[uEnd] : 0);
    const qv = ls.data.demand[v] + (lv === 2 ? ls.data.demand[vEnd] : 0);
    if (ls.cannotImprove(ru, rv, distDelta, rs.routeLoad[ru] - qu + qv, rs.routeLoad[rv] - qv + qu)) return false;
    if (!ls.data.giantTour) {
      const sv = ls.data.serviceS[v] + (lv === 2 ? ls.data.serviceS[vEnd] + rs.t(v, vEnd) : 0);
      const su = ls.data.serviceS[u] + (lu === 2 ? ls.data.serviceS[uEnd] + rs.t(u, uEnd) : 0);
      const dvIn = lv === 2 ? rs.d(v, vEnd) : 0;
      const duIn = lu === 2 ? rs.d(u, uEnd) : 0;
      const boundU = ls.routeBound(ru, rs.d(pu, v) + rs.d(vEnd, nu) - rs.d(pu, u) - rs.d(uEnd, nu) + dvIn - duIn,
        rs.t(pu, v) + rs.t(vEnd, nu) - rs.t(pu, u) - rs.t(uEnd, nu) + sv - su, lv - lu);
      const boundV = ls.routeBound(rv, rs.d(pv, u) + rs.d(uEnd, nv) - rs.d(pv, v) - rs.d(vEnd, nv) + duIn - dvIn,
        rs.t(pv, u) + rs.t(uEnd, nv) - rs.t(pv, v) - rs.t(vEnd, nv) + su - sv, lu - lv);
      if (boundU + boundV > -EPS) return false;
    }
  }
  const a = ls.seg[0];
  const b = ls.seg[1];
  const c = ls.seg[2];
  concat(rs.on(ru), rs.prefix(rs.prev[u], a), ls.single(v, c), a);
  if (lv === 2) concat(rs.on(ru), a, ls.single(vEnd, c), a);
  concat(rs.on(ru), a, rs.suffix(rs.next[uEnd], c), a);
  concat(rs.on(rv), rs.prefix(rs.prev[v], b), ls.single(u, c), b);
  if (lu === 2) concat(rs.on(rv), b, ls.single(uEnd, c), b);
  concat(rs.on(rv), b, rs.suffix(rs.next[vEnd], c), b);
  const delta = rs.cost(a, ru) + rs.cost(b, rv) - rs.routeCost[ru] - rs.routeCost[rv];
  if (delta > -EPS) return false;
  rs.remove(u);
  if (lu === 2) rs.remove(uEnd);
  rs.remove(v);
  if (lv === 2) rs.remove(vEnd);
  rs.insertAfter(v, pu);
  if (lv === 2) rs.insertAfter(vEnd, v);
  rs.insertAfter(u, pv);
  if (lu === 2) rs.insertAfter(uEnd, u);
  ls.commit(ru, rv);
  return true;
}

/** The strings [u..uEnd] and [v..vEnd] of route ru exchanged (apart: keeps both functions small enough for the JIT to inline their reads). */
function swapInside(
  ls: LocalSearch, ru: number, u: number, v: number, lu: number, lv: number, uEnd: number, vEnd: number, pu: number, pv: number, nu: number, nv: number,
): boolean {
  const rs = ls.rs;
  const distDelta =
    rs.d(pu, v) + rs.d(vEnd, nu) + rs.d(pv, u) + rs.d(uEnd, nv) - rs.d(pu, u) - rs.d(uEnd, nu) - rs.d(pv, v) - rs.d(vEnd, nv);
  const timeDelta = ls.data.giantTour ? NaN
    : rs.t(pu, v) + rs.t(vEnd, nu) + rs.t(pv, u) + rs.t(uEnd, nv) - rs.t(pu, u) - rs.t(uEnd, nu) - rs.t(pv, v) - rs.t(vEnd, nv);
  const fwd = rs.pos[u] < rs.pos[v];
  if (ls.intraCannotImprove(ru, distDelta, timeDelta, fwd ? pu : pv, fwd ? nv : nu)) return false;
  return swapWithin(ls, ru, u, v, lu, lv, distDelta, timeDelta);
}

/**
 * The same-route case, apart so that its closure's context is allocated only when it is tried
 * (a context captured by a closure is allocated on every call of the function that declares it).
 */
function swapWithin(ls: LocalSearch, ru: number, u: number, v: number, lu: number, lv: number, distDelta: number, timeDelta: number): boolean {
  const iu = ls.rs.pos[u] - 1;
  const iv = ls.rs.pos[v] - 1;
  const i1 = iu < iv ? iu : iv;
  const l1 = iu < iv ? lu : lv;
  const i2 = iu < iv ? iv : iu;
  const l2 = iu < iv ? lv : lu;
  if (i1 + l1 > i2) return false;
  return ls.tryIntra(ru, distDelta, timeDelta, (src, len, dst) => {
    let k = 0;
    for (let i = 0; i < i1; i++) dst[k++] = src[i];
    for (let i = i2; i < i2 + l2; i++) dst[k++] = src[i];
    for (let i = i1 + l1; i < i2; i++) dst[k++] = src[i];
    for (let i = i1; i < i1 + l1; i++) dst[k++] = src[i];
    for (let i = i2 + l2; i < len; i++) dst[k++] = src[i];
    return k;
  });
}

/** Swap customers u and v (HGS move 4). */
export const swapOne: HgsMove = (ls, u, v) => swapStrings(ls, u, v, 1, 1);
/** Swap the pair (u, next u) with v (HGS move 5). */
export const swapPairOne: HgsMove = (ls, u, v) => swapStrings(ls, u, v, 2, 1);
/** Swap the pairs (u, next u) and (v, next v) (HGS move 6). */
export const swapPairPair: HgsMove = (ls, u, v) => swapStrings(ls, u, v, 2, 2);
