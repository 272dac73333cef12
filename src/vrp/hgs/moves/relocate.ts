// Relocate: move customer u right after v (HGS move 1).
import { concat } from "../segment.js";
import type { LocalSearch } from "../local-search.js";
import { boundRejects, EPS, type HgsMove } from "./move.js";

/** The same-route case, apart so that its closure's context is allocated only when it is tried. */
function relocateWithin(ls: LocalSearch, ru: number, u: number, v: number, distDelta: number, timeDelta: number): boolean {
  const vIsDepot = ls.rs.isDepot(v);
  return ls.tryIntra(ru, distDelta, timeDelta, (src, len, dst) => {
    let k = 0;
    if (vIsDepot) dst[k++] = u;
    for (let i = 0; i < len; i++) {
      if (src[i] === u) continue;
      dst[k++] = src[i];
      if (src[i] === v) dst[k++] = u;
    }
    return k;
  });
}

/** Move customer u right after v (HGS move 1). */
export const relocate: HgsMove = (ls, u, v) => {
  const rs = ls.rs;
  if (u === v || rs.prev[u] === v) return false;
  const ru = rs.routeOf[u];
  const rv = rs.routeOf[v];
  const pu = rs.prev[u];
  const nu = rs.next[u];
  const nv = rs.next[v];
  if (ru !== rv && rs.boundable) {
    // both routes' new costs bounded from their stored segments (a mixed fleet's costs included)
    if (boundRejects(rs.lbCut(ru, pu, nu) + rs.lbRoute(rv, v, u, -1, nv) - rs.routeCost[ru] - rs.routeCost[rv])) return false;
  } else {
    const distDelta = rs.d(pu, nu) - rs.d(pu, u) - rs.d(u, nu) + rs.d(v, u) + rs.d(u, nv) - rs.d(v, nv);
    if (ru === rv) {
      const timeDelta = ls.data.giantTour ? NaN : rs.t(pu, nu) - rs.t(pu, u) - rs.t(u, nu) + rs.t(v, u) + rs.t(u, nv) - rs.t(v, nv);
      const fwd = rs.pos[u] < rs.pos[v];
      if (ls.intraCannotImprove(ru, distDelta, timeDelta, fwd ? pu : v, fwd ? nv : nu)) return false;
      return relocateWithin(ls, ru, u, v, distDelta, timeDelta);
    }
    const q = ls.data.demand[u];
    if (ls.cannotImprove(ru, rv, distDelta, rs.routeLoad[ru] - q, rs.routeLoad[rv] + q)) return false;
    if (!ls.data.giantTour) {
      const s = ls.data.serviceS[u];
      const boundU = ls.routeBound(ru, rs.d(pu, nu) - rs.d(pu, u) - rs.d(u, nu), rs.t(pu, nu) - rs.t(pu, u) - rs.t(u, nu) - s, -1);
      if (boundU + ls.routeBound(rv, rs.d(v, u) + rs.d(u, nv) - rs.d(v, nv), rs.t(v, u) + rs.t(u, nv) - rs.t(v, nv) + s, 1) > -EPS) return false;
    }
  }
  const a = ls.seg[0];
  const b = ls.seg[1];
  const c = ls.seg[2];
  // route of u without u
  concat(rs.on(ru), rs.prefix(rs.prev[u], a), rs.suffix(rs.next[u], b), a);
  const costU = rs.cost(a, ru);
  // route of v with u after v
  concat(rs.on(rv), rs.prefix(v, b), ls.single(u, c), b);
  concat(rs.on(rv), b, rs.suffix(rs.next[v], c), b);
  const delta = costU + rs.cost(b, rv) - rs.routeCost[ru] - rs.routeCost[rv];
  if (delta > -EPS) return false;
  rs.remove(u);
  rs.insertAfter(u, v);
  ls.commit(ru, rv);
  return true;
};
