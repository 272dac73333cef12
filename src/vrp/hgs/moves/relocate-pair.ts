// Relocate a pair: move customers (u, x = next of u) right after v, in order (HGS move 2)
// or reversed as (x, u) (HGS move 3).
import type { LocalSearch } from "../local-search.js";
import { concat } from "../segment.js";
import { boundRejects, EPS, type HgsMove } from "./move.js";

/** The same-route case, apart so that its closure's context is allocated only when it is tried. */
function pairWithin(ls: LocalSearch, ru: number, first: number, second: number, v: number, distDelta: number, timeDelta: number): boolean {
  const vIsDepot = ls.rs.isDepot(v);
  return ls.tryIntra(ru, distDelta, timeDelta, (src, len, dst) => {
    let k = 0;
    if (vIsDepot) {
      dst[k++] = first;
      dst[k++] = second;
    }
    for (let i = 0; i < len; i++) {
      if (src[i] === first || src[i] === second) continue;
      dst[k++] = src[i];
      if (src[i] === v) {
        dst[k++] = first;
        dst[k++] = second;
      }
    }
    return k;
  });
}

/** The pair (u, x) moved after v in its own route ru as (first, second) (apart: keeps both functions small enough for the JIT to inline their reads). */
function pairInside(ls: LocalSearch, ru: number, u: number, x: number, v: number, first: number, second: number): boolean {
  const rs = ls.rs;
  const pu = rs.prev[u];
  const nx = rs.next[x];
  const nv = rs.next[v];
  // pair (first, second) between v and nv; when v is x's successor's predecessor chain the formula still holds
  const distDelta = nv === u ? NaN : rs.d(pu, nx) - rs.d(pu, u) - rs.d(x, nx) + rs.d(v, first) + rs.d(second, nv) - rs.d(v, nv) + rs.d(first, second) - rs.d(u, x);
  const timeDelta = ls.data.giantTour || nv === u ? NaN
    : rs.t(pu, nx) - rs.t(pu, u) - rs.t(x, nx) + rs.t(v, first) + rs.t(second, nv) - rs.t(v, nv) + rs.t(first, second) - rs.t(u, x);
  const fwd = rs.pos[u] < rs.pos[v];
  if (ls.intraCannotImprove(ru, distDelta, timeDelta, fwd ? pu : v, fwd ? nv : nx)) return false;
  return pairWithin(ls, ru, first, second, v, distDelta, timeDelta);
}

function pairMove(ls: LocalSearch, u: number, v: number, reversed: boolean): boolean {
  const rs = ls.rs;
  const x = rs.next[u];
  if (rs.isDepot(x) || v === u || v === x || rs.prev[u] === v) return false;
  const ru = rs.routeOf[u];
  const rv = rs.routeOf[v];
  // a shipment's pickup and delivery never swap places
  if (reversed && ls.data.partner[u] === x) return false;
  const first = reversed ? x : u;
  const second = reversed ? u : x;
  const pu = rs.prev[u];
  const nx = rs.next[x];
  const nv = rs.next[v];
  if (ru === rv) return pairInside(ls, ru, u, x, v, first, second);
  if (rs.boundable) {
    // both routes' new costs bounded from their stored segments (a mixed fleet's costs included)
    if (boundRejects(rs.lbCut(ru, pu, nx) + rs.lbRoute(rv, v, first, second, nv) - rs.routeCost[ru] - rs.routeCost[rv])) return false;
  } else {
    const distDelta = rs.d(pu, nx) - rs.d(pu, u) - rs.d(x, nx) + rs.d(v, first) + rs.d(second, nv) - rs.d(v, nv) + rs.d(first, second) - rs.d(u, x);
    const q = ls.data.demand[u] + ls.data.demand[x];
    if (ls.cannotImprove(ru, rv, distDelta, rs.routeLoad[ru] - q, rs.routeLoad[rv] + q)) return false;
    if (!ls.data.giantTour) {
      const s = ls.data.serviceS[u] + ls.data.serviceS[x];
      const boundU = ls.routeBound(ru, rs.d(pu, nx) - rs.d(pu, u) - rs.d(x, nx) - rs.d(u, x), rs.t(pu, nx) - rs.t(pu, u) - rs.t(x, nx) - rs.t(u, x) - s, -2);
      const dDistV = rs.d(v, first) + rs.d(second, nv) - rs.d(v, nv) + rs.d(first, second);
      const dTimeV = rs.t(v, first) + rs.t(second, nv) - rs.t(v, nv) + rs.t(first, second) + s;
      if (boundU + ls.routeBound(rv, dDistV, dTimeV, 2) > -EPS) return false;
    }
  }
  const a = ls.seg[0];
  const b = ls.seg[1];
  const c = ls.seg[2];
  concat(rs.on(ru), rs.prefix(rs.prev[u], a), rs.suffix(rs.next[x], b), a);
  const costU = rs.cost(a, ru);
  concat(rs.on(rv), rs.prefix(v, b), ls.single(first, c), b);
  concat(rs.on(rv), b, ls.single(second, c), b);
  concat(rs.on(rv), b, rs.suffix(rs.next[v], c), b);
  const delta = costU + rs.cost(b, rv) - rs.routeCost[ru] - rs.routeCost[rv];
  if (delta > -EPS) return false;
  rs.remove(u);
  rs.remove(x);
  rs.insertAfter(first, v);
  rs.insertAfter(second, first);
  ls.commit(ru, rv);
  return true;
}

/** Move (u, next u) after v, in order (HGS move 2). */
export const relocatePair: HgsMove = (ls, u, v) => pairMove(ls, u, v, false);
/** Move (u, next u) after v, reversed (HGS move 3). */
export const relocatePairReversed: HgsMove = (ls, u, v) => pairMove(ls, u, v, true);
