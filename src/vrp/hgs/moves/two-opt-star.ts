// 2-opt* between two routes: u keeps its head and takes v's tail, v takes u's tail
// (HGS move 9). u or v may be a start depot (whole route handed over).
import { concat } from "../segment.js";
import { boundRejects, EPS, type HgsMove } from "./move.js";

/** Exchange the tails after u and after v between their two routes (HGS move 9). */
export const twoOptStar: HgsMove = (ls, u, v) => {
  const rs = ls.rs;
  const ru = rs.routeOf[u];
  const rv = rs.routeOf[v];
  if (ru === rv) return false;
  const nu = rs.next[u];
  const nv = rs.next[v];
  if (rs.boundable) {
    // mixed fleets: each route's new cost bounded from its head and the tail it takes over
    if (boundRejects(rs.lbRoute(ru, u, -1, -1, nv) + rs.lbRoute(rv, v, -1, -1, nu) - rs.routeCost[ru] - rs.routeCost[rv])) return false;
  } else if (ls.data.hasTimeWindows) {
    if (ls.cannotImprove(ru, rv, rs.d(u, nv) + rs.d(v, nu) - rs.d(u, nu) - rs.d(v, nv), 0, 0)) return false;
  } else {
    const distDelta = rs.d(u, nv) + rs.d(v, nu) - rs.d(u, nu) - rs.d(v, nv);
    // loads after the exchange: head of one plus tail of the other
    rs.prefix(u, ls.seg[3]);
    rs.prefix(v, ls.seg[4]);
    const headU = ls.seg[3].load;
    const headV = ls.seg[4].load;
    const newU = headU + rs.routeLoad[rv] - headV;
    const newV = headV + rs.routeLoad[ru] - headU;
    if (ls.cannotImprove(ru, rv, distDelta, newU, newV)) return false;
  }
  const a = ls.seg[0];
  const b = ls.seg[1];
  const c = ls.seg[2];
  concat(rs.on(ru), rs.prefix(u, a), rs.tailTo(rs.next[v], ru, c), a);
  concat(rs.on(rv), rs.prefix(v, b), rs.tailTo(rs.next[u], rv, c), b);
  const delta = rs.cost(a, ru) + rs.cost(b, rv) - rs.routeCost[ru] - rs.routeCost[rv];
  if (delta > -EPS) return false;
  // collect tails, then relink
  const tailU: number[] = [];
  for (let x = rs.next[u]; x < rs.n; x = rs.next[x]) tailU.push(x);
  const tailV: number[] = [];
  for (let x = rs.next[v]; x < rs.n; x = rs.next[x]) tailV.push(x);
  link(ls, u, tailV, rs.endOf(ru));
  link(ls, v, tailU, rs.endOf(rv));
  ls.commit(ru, rv);
  return true;
};

function link(ls: { rs: { next: Int32Array; prev: Int32Array } }, from: number, seq: number[], end: number): void {
  const { next, prev } = ls.rs;
  let p = from;
  for (const x of seq) {
    next[p] = x;
    prev[x] = p;
    p = x;
  }
  next[p] = end;
  prev[end] = p;
}
