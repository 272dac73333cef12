// Relocate with an unload (as PyVRP's RelocateWithDepot): move customer u right after v, into a
// route whose vehicle may unload, with a free unload of that vehicle's group right before or
// right after u, at whichever unload location costs least. Lets a full vehicle take one more
// stop in a single move where relocate alone would only add excess.
import { concat } from "../segment.js";
import { EPS, type HgsMove } from "./move.js";

/** Move u after v in another route together with an unload next to it. */
export const relocateUnload: HgsMove = (ls, u, v) => {
  const d = ls.data;
  const rs = ls.rs;
  const ru = rs.routeOf[u];
  const rv = rs.routeOf[v];
  if (ru === rv || d.isUnload[u] || d.vMaxUnloads[rs.vehicle(rv)] === 0) return false;
  const free = ls.unloadsOf[rs.vehicle(rv)];
  const [a, b, c, one] = ls.seg;
  // route of u without u
  concat(rs.on(ru), rs.prefix(rs.prev[u], a), rs.suffix(rs.next[u], b), a);
  const gainU = rs.routeCost[ru] - rs.cost(a, ru);
  const on = rs.on(rv);
  const rest = rs.suffix(rs.next[v], c);
  let best = -EPS;
  let bestUnload = -1;
  let before = false;
  let tried = -1;
  for (const x of free) {
    if (rs.routeOf[x] >= 0 || rs.locOf(x) === tried) continue;
    tried = rs.locOf(x);
    for (const first of [true, false]) {
      rs.prefix(v, b);
      concat(on, b, ls.single(first ? x : u, one), b);
      concat(on, b, ls.single(first ? u : x, one), b);
      concat(on, b, rest, b);
      const delta = rs.cost(b, rv) - rs.routeCost[rv] - gainU;
      if (delta < best) {
        best = delta;
        bestUnload = x;
        before = first;
      }
    }
  }
  if (bestUnload < 0) return false;
  rs.remove(u);
  if (before) {
    rs.insertAfter(bestUnload, v);
    rs.insertAfter(u, bestUnload);
  } else {
    rs.insertAfter(u, v);
    rs.insertAfter(bestUnload, u);
  }
  ls.commit(ru, rv);
  return true;
};
