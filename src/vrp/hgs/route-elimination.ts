// Route elimination for the iterated search (after the fleet-minimisation phases of Nagata and
// Bräysy 2009 and of SISR, Christiaens and Vanden Berghe 2020): a used route is chosen by how
// cheaply its stops go into the other used routes, emptied, and its stops inserted where they
// cost least under penalised infeasibility, with no unused vehicle opened; the local search then
// repairs under penalties boosted while the result is infeasible. No single customer move sheds
// a vehicle once every route is tightly packed: each step raises the cost until the last. The
// same holds for a dearer vehicle whose day a cheaper one could drive if a few of its stops went
// elsewhere: a hand-over (withRouteOn) moves the whole route at once.
import type { HgsData } from "./hgs-data.js";
import { Individual } from "./individual.js";
import type { LocalSearch } from "./local-search.js";
import { concat, GROUP_BITS } from "./segment.js";
import type { Rng } from "../random.js";

/** Penalty factor of each repair round while the start stays infeasible (HGS's booster, twice). */
const REPAIR = { booster: 10, rounds: 2 };

/**
 * The used route (slot) of `routes` whose stops are cheapest to insert one by one into the other
 * used routes, less its own cost, under penalties `cap`, `tw`; routes in `tried` are passed over.
 * -1 when fewer than two routes are used or every used route was tried. O(n²) insertions priced.
 */
export function routeToEliminate(ls: LocalSearch, routes: ReadonlyArray<ArrayLike<number>>, cap: number, tw: number, tried: ReadonlySet<number>): number {
  const rs = ls.rs;
  rs.capPenalty = cap;
  rs.twPenalty = tw;
  rs.load(routes);
  const [a, b, one] = ls.seg;
  let used = 0;
  for (let r = 0; r < rs.nRoutes; r++) if (rs.routeSize[r] > 0) used++;
  if (used < 2) return -1;
  let best = -1;
  let bestCost = Infinity;
  for (let r = 0; r < rs.nRoutes; r++) {
    if (rs.routeSize[r] === 0 || tried.has(r)) continue;
    let sum = -rs.routeCost[r];
    for (let c = rs.next[rs.startOf(r)]; c < rs.n && sum < bestCost; c = rs.next[c]) {
      rs.single(c, one);
      let cheapest = Infinity;
      for (let q = 0; q < rs.nRoutes; q++) {
        if (q === r || rs.routeSize[q] === 0) continue;
        const on = rs.on(q);
        for (let p = rs.startOf(q); p !== rs.endOf(q); p = rs.next[p]) {
          concat(on, rs.prefix(p, a), one, a);
          concat(on, a, rs.suffix(rs.next[p], b), a);
          cheapest = Math.min(cheapest, rs.cost(a, q) - rs.routeCost[q]);
        }
      }
      sum += cheapest;
    }
    if (sum < bestCost) {
      bestCost = sum;
      best = r;
    }
  }
  return best;
}

/**
 * `routes` (one per slot) without route `r`: its stops inserted in random order where each costs
 * least among the used routes, then searched to a local optimum with no unused vehicle opened,
 * again under boosted penalties while infeasible. Leaves `ls.keepFleet` set (the caller's search
 * goes on with the fleet left); priced under `cap`, `tw`.
 */
export function withoutRoute(
  data: HgsData, ls: LocalSearch, routes: ReadonlyArray<ArrayLike<number>>, r: number, cap: number, tw: number, rng: Rng, stop: () => boolean,
): Individual {
  const start = routes.map((x, k) => (k === r ? [] : Array.from(x)));
  const missing = rng.shuffle(Array.from(routes[r]));
  return searchedKeepingFleet(data, ls, start, missing, cap, tw, stop);
}

/**
 * An unused route slot whose vehicle could take over route `r` for less fixed cost: of another
 * class, the cheapest fixed cost first (ties: the first slot); -1 when none. `routes` as loaded.
 */
export function cheaperVehicleFor(data: HgsData, ls: LocalSearch, routes: ReadonlyArray<ArrayLike<number>>, r: number): number {
  const rs = ls.rs;
  const v = rs.vehicle(r);
  let best = -1;
  for (let q = 0; q < routes.length; q++) {
    if (routes[q].length > 0) continue;
    const u = rs.vehicle(q);
    if (data.vClass[u] === data.vClass[v] || data.vFixed[u] >= data.vFixed[v] - 1e-9 || data.startCount[u] > 0) continue;
    if (best < 0 || data.vFixed[u] < data.vFixed[rs.vehicle(best)] - 1e-9) best = q;
  }
  return best;
}

/**
 * `routes` with route `r` handed to the unused slot `u` (a cheaper vehicle, see
 * cheaperVehicleFor): `u` keeps r's stops in order while its capacity holds in every dimension,
 * the rest are inserted where they cost least; then searched as withoutRoute does (no other
 * unused vehicle opened, boosted penalties while infeasible). Leaves `ls.keepFleet` set.
 */
export function withRouteOn(
  data: HgsData, ls: LocalSearch, routes: ReadonlyArray<ArrayLike<number>>, r: number, u: number, cap: number, tw: number, rng: Rng, stop: () => boolean,
): Individual {
  const start = routes.map((x, k) => (k === r ? [] : Array.from(x)));
  const nd = data.nDims;
  const v = ls.rs.vehicle(u);
  const load = new Float64Array(nd);
  const missing: number[] = [];
  // the van's skill group: its bit in each customer's mask
  const g = data.vGroup[v];
  const w = (g / GROUP_BITS) | 0;
  for (const c of Array.from(routes[r])) {
    let fits = ((data.jobMask[c * data.maskWords + w] >> (g - w * GROUP_BITS)) & 1) === 1;
    for (let d = 0; d < nd && fits; d++) if (load[d] + data.amounts[c * nd + d] > data.vCapacity[v * nd + d] + 1e-9) fits = false;
    if (!fits) {
      missing.push(c);
      continue;
    }
    for (let d = 0; d < nd; d++) load[d] += data.amounts[c * nd + d];
    start[u].push(c);
  }
  return searchedKeepingFleet(data, ls, start, rng.shuffle(missing), cap, tw, stop);
}

/**
 * `start` with `missing` inserted, searched to a local optimum with no unused vehicle opened,
 * again under boosted penalties while infeasible; leaves `ls.keepFleet` set.
 */
function searchedKeepingFleet(
  data: HgsData, ls: LocalSearch, start: number[][], missing: number[], cap: number, tw: number, stop: () => boolean,
): Individual {
  ls.keepFleet = true;
  let ind = new Individual(data, ls.run(start, cap, tw, stop, missing), cap, tw);
  for (let boost = 1, k = 0; k < REPAIR.rounds && !ind.feasible && !stop(); k++) {
    boost *= REPAIR.booster;
    ind = new Individual(data, ls.run(ind.routes, cap * boost, tw * boost, stop), cap, tw);
  }
  return ind;
}
