// Unload trips in the local search: where a route's unloads go. A route of up to PLACE_ALL
// stops whose vehicle may unload at most twice has its unloads placed anew by trying every
// one or two gaps and locations (prefix and suffix segments keep each try O(1), the stretch
// between two unloads is chained as the second moves on): trips that are full to the brim
// need both unloads moved at once, which no single move does. Longer routes, or more unloads,
// take out each unload that does not pay and add the one that pays most.
import type { LocalSearch } from "./local-search.js";
import { EPS } from "./moves/move.js";
import { capacityExcess, concat } from "./segment.js";

/** Longest route whose unloads are placed by trying every gap (about stops² × locations² tries). */
const PLACE_ALL = 60;

/** One pass over the routes of vehicles that may unload; true when a route changed. */
export function unloadPass(ls: LocalSearch): boolean {
  const rs = ls.rs;
  const d = ls.data;
  let changed = false;
  for (let r = 0; r < rs.nRoutes; r++) {
    const v = rs.vehicle(r);
    if (d.vMaxUnloads[v] === 0 || rs.routeSize[r] === 0) continue;
    const hasUnload = rs.prefix(rs.endOf(r), ls.seg[3]).trips > 0;
    if (!hasUnload && capacityExcess(d, ls.seg[3], v) < 1e-9) continue;
    const all = d.vMaxUnloads[v] <= 2 && rs.routeSize[r] <= PLACE_ALL;
    if (all ? placeAll(ls, r) : placeGreedy(ls, r)) changed = true;
  }
  return changed;
}

/** A free unload node at location `loc` other than `not`, or -1. */
function freeAt(ls: LocalSearch, v: number, loc: number, not: number): number {
  for (const u of ls.unloadsOf[v]) if (ls.rs.routeOf[u] < 0 && u !== not && ls.rs.locOf(u) === loc) return u;
  return -1;
}

/** Re-places route r's unloads (none, one or two) where they cost least; true when that is cheaper than before. */
function placeAll(ls: LocalSearch, r: number): boolean {
  const rs = ls.rs;
  const d = ls.data;
  const v = rs.vehicle(r);
  const on = rs.on(r);
  const [a, b, one, head, mid, tail] = ls.seg;
  // every customer of the route (stops, breaks, unloads): the end depot's position less the start's
  const seq = new Int32Array(rs.pos[rs.endOf(r)]);
  const len = rs.sequence(r, seq);
  const was = rs.routeCost[r];
  for (let k = 0; k < len; k++) {
    if (!d.isUnload[seq[k]]) continue;
    rs.remove(seq[k]);
    rs.routeOf[seq[k]] = -1;
  }
  rs.update(r);
  const locs: number[] = [];
  for (const u of ls.unloadsOf[v]) if (rs.routeOf[u] < 0 && !locs.includes(rs.locOf(u))) locs.push(rs.locOf(u));
  let best = rs.routeCost[r];
  let p1 = -1;
  let l1 = -1;
  let p2 = -1;
  let l2 = -1;
  const end = rs.endOf(r);
  // gap after p: p is the start depot or a stop followed by another stop
  for (let p = rs.startOf(r); rs.next[p] !== end; p = rs.next[p]) {
    for (const loc1 of locs) {
      const u1 = freeAt(ls, v, loc1, -1);
      concat(on, rs.prefix(p, head), rs.single(u1, one), head);
      concat(on, head, rs.suffix(rs.next[p], b), a);
      let c = rs.cost(a, r);
      if (c < best - EPS) [best, p1, l1, p2, l2] = [c, p, loc1, -1, -1];
      if (d.vMaxUnloads[v] < 2) continue;
      // a second unload after q, the stretch next(p)..q between them
      for (let q = rs.next[p]; rs.next[q] !== end; q = rs.next[q]) {
        if (q === rs.next[p]) rs.single(q, mid);
        else concat(on, mid, rs.single(q, one), mid);
        concat(on, head, mid, tail);
        for (const loc2 of locs) {
          const u2 = freeAt(ls, v, loc2, u1);
          if (u2 < 0) continue;
          concat(on, tail, rs.single(u2, one), a);
          concat(on, a, rs.suffix(rs.next[q], b), a);
          c = rs.cost(a, r);
          if (c < best - EPS) [best, p1, l1, p2, l2] = [c, p, loc1, q, loc2];
        }
      }
    }
  }
  if (best > was - EPS) {
    // no better placement: the route as it was
    rs.relink(r, seq, len);
    return false;
  }
  if (p1 >= 0) {
    const u1 = freeAt(ls, v, l1, -1);
    if (p2 >= 0) rs.insertAfter(freeAt(ls, v, l2, u1), p2);
    rs.insertAfter(u1, p1);
  }
  ls.commit(r, r);
  return true;
}

/** Takes out route r's unloads that do not pay, then adds the one that pays most while it carries too much. */
function placeGreedy(ls: LocalSearch, r: number): boolean {
  const rs = ls.rs;
  const d = ls.data;
  const v = rs.vehicle(r);
  const on = rs.on(r);
  const [a, b, one, full] = ls.seg;
  let changed = false;
  for (let x = rs.next[rs.startOf(r)]; x < rs.n; ) {
    const y = rs.next[x];
    if (d.isUnload[x]) {
      concat(on, rs.prefix(rs.prev[x], a), rs.suffix(y, b), a);
      if (rs.cost(a, r) < rs.routeCost[r] - EPS) {
        rs.remove(x);
        rs.routeOf[x] = -1;
        ls.commit(r, r);
        changed = true;
      }
    }
    x = y;
  }
  if (capacityExcess(d, rs.prefix(rs.endOf(r), full), v) < 1e-9) return changed;
  let best = -EPS;
  let bestAfter = -1;
  let bestUnload = -1;
  let tried = -1;
  // one free unload per location (the list is sorted by location)
  for (const u of ls.unloadsOf[v]) {
    if (rs.routeOf[u] >= 0 || rs.locOf(u) === tried) continue;
    tried = rs.locOf(u);
    rs.single(u, one);
    for (let p = rs.startOf(r); p !== rs.endOf(r); p = rs.next[p]) {
      concat(on, rs.prefix(p, a), one, a);
      concat(on, a, rs.suffix(rs.next[p], b), a);
      const delta = rs.cost(a, r) - rs.routeCost[r];
      if (delta < best) {
        best = delta;
        bestAfter = p;
        bestUnload = u;
      }
    }
  }
  if (bestUnload < 0) return changed;
  rs.insertAfter(bestUnload, bestAfter);
  ls.commit(r, r);
  return true;
}
