// 2-opt inside a route: reverse the visits between next(u) and v (HGS move 7).
import type { LocalSearch } from "../local-search.js";
import { type HgsMove } from "./move.js";

/** Reverse the visits between next(u) and v inside one route (HGS move 7). */
export const twoOpt: HgsMove = (ls, u, v) => {
  const rs = ls.rs;
  const ru = rs.routeOf[u];
  if (rs.isDepot(v) || rs.routeOf[v] !== ru || rs.pos[v] <= rs.pos[u] + 1) return false;
  const i = rs.pos[u]; // reverse positions i+1..j (1-based: buffer index i..j-1)
  const j = rs.pos[v];
  const distDelta = rs.d(u, v) + rs.d(rs.next[u], rs.next[v]) - rs.d(u, rs.next[u]) - rs.d(v, rs.next[v]);
  // reversing a stretch keeps its inner legs' times only when the matrix is symmetric
  const timeDelta = ls.data.giantTour || !ls.data.symmetric ? NaN
    : rs.t(u, v) + rs.t(rs.next[u], rs.next[v]) - rs.t(u, rs.next[u]) - rs.t(v, rs.next[v]);
  if (ls.intraCannotImprove(ru, distDelta, timeDelta, u, rs.next[v])) return false;
  return reverseWithin(ls, ru, i, j, distDelta, timeDelta);
};

/** The rewrite, apart so that its closure's context is allocated only when it is tried. */
function reverseWithin(ls: LocalSearch, ru: number, i: number, j: number, distDelta: number, timeDelta: number): boolean {
  return ls.tryIntra(ru, distDelta, timeDelta, (src, len, dst) => {
    for (let k = 0; k < len; k++) dst[k] = k >= i && k <= j - 1 ? src[i + j - 1 - k] : src[k];
    return len;
  });
}
