// 2-opt* with reversal between two routes (HGS move 8): the edges (u, x) and (v, y), x and y
// the successors, become (u, v) and (x, y). Route of u: its head to u, then v's head reversed
// back to the depot; route of v: u's tail reversed from the depot to x, then v's tail.
// v may be a start depot (u's tail, reversed, then goes in front of v's route). Only for symmetric distances without time windows (reversed segments are priced by
// distance and load alone).
import { EPS, type HgsMove } from "./move.js";

/** Reconnect u to v and x = next(u) to y = next(v), reversing the heads and tails between (HGS move 8). */
export const twoOptStarReversed: HgsMove = (ls, u, v) => {
  const rs = ls.rs;
  const d = ls.data;
  if (d.hasTimeWindows) return false;
  const ru = rs.routeOf[u];
  const rv = rs.routeOf[v];
  if (ru === rv) return false;
  const x = rs.next[u];
  const y = rs.next[v];
  const distDelta = rs.d(u, v) + rs.d(x, y) - rs.d(u, x) - rs.d(v, y);
  const headU = rs.prefix(u, ls.seg[3]).load;
  const headV = rs.prefix(v, ls.seg[4]).load;
  const newU = headU + headV;
  const newV = rs.routeLoad[ru] - headU + rs.routeLoad[rv] - headV;
  const delta = distDelta + rs.loadPenalty(newU) + rs.loadPenalty(newV) - rs.routePenalty[ru] - rs.routePenalty[rv];
  if (delta > -EPS) return false;
  // the distance parts of the heads and tails do not change when reversed (symmetric distances)
  const headOfV: number[] = [];
  for (let z = v; !rs.isDepot(z); z = rs.prev[z]) headOfV.push(z);
  const tailOfU: number[] = [];
  for (let z = x; !rs.isDepot(z); z = rs.next[z]) tailOfU.push(z);
  const tailOfV: number[] = [];
  for (let z = y; !rs.isDepot(z); z = rs.next[z]) tailOfV.push(z);
  // route u: ..., u, v, prev(v), ..., first of v, end depot
  chain(rs, u, headOfV, rs.endOf(ru));
  // route v: start depot, last of u's tail, ..., x, y, ..., end depot
  chain(rs, rs.startOf(rv), tailOfU.reverse().concat(tailOfV), rs.endOf(rv));
  ls.commit(ru, rv);
  return true;
};

/** Links `from`, then `seq` in order, then `end`. */
function chain(rs: { next: Int32Array; prev: Int32Array }, from: number, seq: number[], end: number): void {
  let p = from;
  for (const z of seq) {
    rs.next[p] = z;
    rs.prev[z] = p;
    p = z;
  }
  rs.next[p] = end;
  rs.prev[end] = p;
}
