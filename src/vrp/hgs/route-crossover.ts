// Route-based crossover for a mixed fleet (after SREX, Nagata & Kobayashi, as PyVRP uses it):
// the child takes the second parent's routes, then a few neighbouring routes of the first
// parent on the same vehicles; customers served twice keep the first parent's route, and
// customers left without a route are inserted by the local search (cheapest position; with
// optional stops it may leave some out again).
import type { Rng } from "../random.js";
import type { Individual } from "./individual.js";

/** Child routes (one per vehicle slot) and the customers still to insert. */
export interface RouteChild {
  routes: number[][];
  missing: number[];
}

/**
 * Crosses `a` into `b`: routes of `a` near a random customer replace `b`'s routes on those
 * vehicles. `nextCopy`: the copies of each customer's job (see HgsData.nextCopy).
 */
export function routeCrossover(a: Individual, b: Individual, neighbours: Int32Array[], nextCopy: Int32Array, rng: Rng): RouteChild {
  const n = a.succ.length;
  const slotOf = new Int32Array(n).fill(-1);
  a.routes.forEach((r, s) => {
    for (const c of r) slotOf[c] = s;
  });
  const used = a.routes.filter((r) => r.length > 0).length;
  const want = 1 + rng.int(Math.max(1, Math.ceil(used / 2)));
  const chosen = new Set<number>();
  const c0 = rng.int(n);
  // customers `a` leaves out (optional stops) bring no route
  if (slotOf[c0] >= 0) chosen.add(slotOf[c0]);
  for (const c of neighbours[c0]) {
    if (chosen.size >= want) break;
    if (slotOf[c] >= 0) chosen.add(slotOf[c]);
  }
  const fromA = new Uint8Array(n);
  // every copy of a job (its windows) counts as taken from `a`
  for (const s of chosen) {
    for (const c of a.routes[s]) {
      let x = c;
      do {
        fromA[x] = 1;
        x = nextCopy[x];
      } while (x !== c);
    }
  }
  const placed = new Uint8Array(n);
  const routes = b.routes.map((r, s) => {
    const keep = chosen.has(s) ? a.routes[s] : r.filter((c) => !fromA[c]);
    for (const c of keep) placed[c] = 1;
    return keep.slice();
  });
  const missing: number[] = [];
  for (let c = 0; c < n; c++) if (!placed[c]) missing.push(c);
  return { routes, missing: rng.shuffle(missing) };
}
