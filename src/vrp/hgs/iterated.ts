// Iterated local search over routes bound to vehicles (after PyVRP 0.14, which replaced its
// genetic algorithm with it): each iteration perturbs the current solution (a few customers
// around a random one taken out and put back near their neighbours), searches only from what
// moved, and accepts the result by late-acceptance hill climbing (Burke and Bykov 2017, with
// both enhancements of their section 4.2), then, for the rest of a known budget, from the best
// by a record-to-record threshold (see ACCEPT). Penalties follow the share of feasible
// candidates, per kind (load-type, time-type), as PyVRP's penalty manager does. A new best is
// searched once more in full. While no new best comes, the perturbations grow (see
// perturbLimit), and the best loses a route, or hands one to a vehicle of a cheaper class, and
// is searched again (see ELIMINATION).
import type { Rng } from "../random.js";
import type { Stopper } from "../stopping.js";
import type { HgsData } from "./hgs-data.js";
import { better, Individual } from "./individual.js";
import type { LocalSearch } from "./local-search.js";
import { type PenaltyParams, PenaltyManager } from "./penalty-manager.js";
import { cheaperVehicleFor, routeToEliminate, withoutRoute, withRouteOn } from "./route-elimination.js";

/**
 * PyVRP's defaults: 1–25 customers perturbed, a history of 300, penalties updated every 500
 * candidates towards 65% feasible (×1.5 up, ×0.9 down, 5% tolerance), kept within a factor
 * `range` of where they start.
 */
const ILS = { minPerturb: 1, maxPerturb: 25, history: 300, range: 1000 };
const ILS_PENALTIES: PenaltyParams = { every: 500, target: 0.65, tolerance: 0.05, increase: 1.5, decrease: 0.9, min: 0, max: Infinity, booster: 1 };
/**
 * A trajectory that stalls (no new best) perturbs more: the largest perturbation grows by
 * `step` customers every `every` iterations without a new best, up to `max`, and is back at 25
 * with the next new best. Measured on day400 without hazardous stops at 3,500 iterations, seeds
 * 1–4 (bench/README.md): 3720.02 mean (spread 1.5%) with PyVRP's fixed 1–25, 3679.70 (0.4%) with
 * this; a finer schedule up to 75 (5 every 250) gave 3715.95 (2.5%). Larger perturbations cost
 * CPU (about 15% fewer iterations per CPU-s once it grows): at 30 CPU-s, run beside the old
 * setting at the same load, 3709.49 against 3724.47 mean (seeds 1–3).
 */
const STALL = { every: 500, step: 10, max: 60 };

/**
 * Route elimination (see route-elimination.ts) once the search has found no new best for `after`
 * iterations: the best solution loses the route whose stops are cheapest to move, and an
 * iterated search of its own, on the vehicles left, runs until `patience` iterations pass
 * without a new best of its own; its best is kept only when it beats the incumbent (its
 * trajectory is dropped otherwise). Each failed try since the last new best doubles the wait
 * before the next (up to 2^`backoff`), which takes another route. Measured on day400 at 3,500
 * iterations, seeds 1-3 (bench/README.md): full 4154.80 mean (spread 2.7%, 10-11 vehicles)
 * before, 4063.84 (1.3%, 9 vehicles each) with this; without hazardous stops 3682.29 (0.4%)
 * before, 3663.53 (0.6%). Without the backoff (a try every 300 stalled iterations) a seed
 * spent half its iterations on tries that failed (without hazardous stops, seed 3: 3772.58);
 * every 200 with a patience of 200: full 4111.85 (3.8%).
 *
 * Every other try hands a route over to an unused vehicle of a class with a lower fixed cost
 * instead (withRouteOn: a truck's day on a van, what it cannot carry moved to the other routes),
 * when some used route has one. Its search ends at its first plan better than the best (the
 * trajectory goes on from there), or after `handOverPatience` iterations without a new best of
 * its own, or `handOverCap` iterations in all. On day200 without hazardous stops the plans that
 * stayed 2-3% dearer kept 3 vans and 3 trucks where the best drive 4 vans and 2 trucks, and no
 * customer move gets there (the vans run full). Measured at fixed iterations (day200 6,000,
 * day400 5,000), seeds 1-6, beside the code before (bench/README.md): mean day200 full 2603.1 ->
 * 2584.8, without hazardous stops 2307.8 -> 2287.3, day400 full 4038.1 -> 4057.1 (a tenth
 * vehicle on four seeds of six: hand-overs take tries and iterations from eliminations), without
 * hazardous stops 3644.8 -> 3655.0. A patience of 1000 (cap 2000) gave day200 in full 2586.8
 * but day400 in full 4077.0; without the early end, a hand-over from a plan far from its optimum
 * ran on to the cap as a trajectory of its own, without route eliminations (day200 in full, seed
 * 6: 2740); the early end for eliminations too, without hand-overs: day400 in full 4087.3.
 */
const ELIMINATION = { after: 300, patience: 300, backoff: 3, handOverPatience: 600, handOverCap: 1200 };

/**
 * Acceptance once a share `switchAt` of a known budget is used (Stopper.progress; never without
 * one): the search goes on from the best, and a candidate is accepted when it beats the current
 * solution or costs at most `threshold` (a share of the best's cost) times exp(−`decay` × the
 * share of the rest of the budget used) above the best (record-to-record travel, decayed as
 * PyVRP's RecordToRecordThreshold does). Late acceptance lets the trajectory drift (on day200 it
 * ran 0.5–3% above the best, often on a vehicle more); the threshold keeps it near the best
 * while still moving. A route elimination that does not beat the best is a candidate like any
 * other (day200 without hazardous stops, seed 1: a day on a vehicle fewer 0.1% above the best
 * was dropped). At 30 CPU-s, seeds 1-3, beside the code before (bench/README.md): day200 full
 * 2602.31 (spread 3.1%) -> 2583.77 (0.7%), without hazardous stops 2301.44 (2.3%) -> 2282.66
 * (3.2%: seed 1 still ends in another basin, on as many vehicles); day400 full 4063.01 (1.4%) ->
 * 4048.73 (1.8%).
 * Switching at 40%: day400 full 4088.11 (two seeds kept a tenth vehicle: route eliminations
 * rarely pay from a best held tight); from the start, without hazardous stops the trajectory
 * settled on 7 vehicles (day200 at 6,000 iterations: 2328.79 mean).
 */
const ACCEPT = { switchAt: 0.6, threshold: 0.01, decay: 5 };

/**
 * The share above the best's cost within which a candidate is accepted once `progress` (share of
 * the budget used) reaches ACCEPT.switchAt; null before (late acceptance).
 */
export function acceptanceThreshold(progress: number): number | null {
  if (progress < ACCEPT.switchAt) return null;
  return ACCEPT.threshold * Math.exp((-ACCEPT.decay * (progress - ACCEPT.switchAt)) / (1 - ACCEPT.switchAt));
}

/** Largest number of customers a perturbation takes out after `sinceBest` iterations without a new best. */
function perturbLimit(sinceBest: number): number {
  return Math.min(STALL.max, ILS.maxPerturb + STALL.step * Math.floor(sinceBest / STALL.every));
}

/** Penalties of the search, adjusted as it goes. */
export interface Penalties {
  cap: number;
  tw: number;
}

/**
 * Runs the iterated local search from `start` (feasible or not) until `stopper` stops it or
 * `noImprovement` iterations pass without a new best (which ends the solve when `final`, and
 * only then are routes eliminated while it stalls), or `maxIterations` pass, or a new best
 * satisfies `until`; returns the best feasible individual (`start` when feasible and never
 * beaten; null when none). `onBest` gets each new best.
 */
export function iteratedSearch(
  data: HgsData, ls: LocalSearch, start: Individual, pen: Penalties, rng: Rng, stopper: Stopper,
  noImprovement: number, onBest: (best: Individual) => void, final = true, until: ((best: Individual) => boolean) | null = null, maxIterations = Infinity,
): Individual | null {
  /** Iterations of this call (see maxIterations). */
  let own = 0;
  const stop = (): boolean => stopper.stop();
  const cost = (x: Individual): number => x.cost + pen.cap * x.capExcess + pen.tw * x.timeWarp + x.unservedPrize;
  const history: Array<Individual | null> = new Array<Individual | null>(ILS.history).fill(null);
  // penalties stay within a factor ILS.range of where they start (scaled to the data's cost
  // unit); the time penalty stays as it is without time windows
  const pm = new PenaltyManager(pen.cap, pen.tw, ILS_PENALTIES, {
    cap: [pen.cap / ILS.range, pen.cap * ILS.range],
    tw: data.hasTimeWindows ? [pen.tw / ILS.range, pen.tw * ILS.range] : [pen.tw, pen.tw],
  });
  let at = 0;
  let best: Individual | null = start.feasible ? start : null;
  let curr = start;
  let sinceBest = 0;
  /** Iterations since the last elimination (or new best), and the routes tried since the last new best. */
  let sinceTry = 0;
  const tried = new Set<number>();
  /** Tries so far: the odd ones hand a route over (see ELIMINATION). */
  let tries = 0;
  /** The threshold phase has begun (see ACCEPT). */
  let recordToRecord = false;
  const accepts = (cand: Individual): boolean => {
    const threshold = final && best !== null ? acceptanceThreshold(stopper.progress()) : null;
    if (threshold !== null && best !== null) {
      if (!recordToRecord) {
        recordToRecord = true;
        curr = best;
      }
      return cost(cand) < cost(curr) || cost(cand) <= best.cost * (1 + threshold);
    }
    return cost(cand) < cost(history[at % ILS.history] ?? start) || cost(cand) < cost(curr);
  };
  while (!stop()) {
    if (final && best !== null && ++sinceTry > ELIMINATION.after << Math.min(ELIMINATION.backoff, tried.size)) {
      sinceTry = 0;
      const fewer = eliminateRoute(data, ls, best, { ...pen }, rng, stopper, tried, (tries++ & 1) === 1);
      if (fewer !== null && better(fewer, best)) {
        best = curr = fewer;
        sinceBest = 0;
        tried.clear();
        onBest(best);
      } else if (fewer !== null && accepts(fewer)) {
        curr = fewer;
      }
      continue;
    }
    stopper.iteration++;
    const count = ILS.minPerturb + rng.int(perturbLimit(sinceBest) - ILS.minPerturb + 1);
    let cand = new Individual(data, ls.run(curr.routes, pen.cap, pen.tw, stop, [], null, count), pen.cap, pen.tw);
    pm.register(cand.capExcess < 1e-9, cand.timeWarp < 1e-9);
    pen.cap = pm.cap;
    pen.tw = pm.tw;
    sinceBest++;
    if (cand.feasible && (best === null || better(cand, best))) {
      best = cand;
      sinceBest = 0;
      sinceTry = 0;
      tried.clear();
      if (!stop()) {
        const full = new Individual(data, ls.run(cand.routes, pen.cap, pen.tw, stop), pen.cap, pen.tw);
        if (full.feasible && better(full, cand)) best = full;
        cand = full;
      }
      onBest(best);
      if (until !== null && until(best)) break;
    }
    if (++own >= maxIterations) break;
    const late = history[at % ILS.history];
    const lateCost = cost(late ?? start);
    if (accepts(cand)) curr = cand;
    if (late === null || cost(curr) < lateCost) history[at % ILS.history] = curr;
    at++;
    if (sinceBest >= noImprovement) {
      if (final) stopper.stoppedBy = "no-improvement";
      break;
    }
  }
  return best;
}

/**
 * One route elimination from `best`, or with `handOver` one hand-over to a cheaper vehicle (see
 * ELIMINATION; an elimination when no used route has one): the best feasible individual found
 * on the vehicles left, or null (no route left to try, or nothing feasible within the patience).
 * `tried` holds the routes eliminated (r) and handed over (nRoutes + r) since the last new best.
 * Its iterations count on `stopper`.
 */
function eliminateRoute(
  data: HgsData, ls: LocalSearch, best: Individual, pen: Penalties, rng: Rng, stopper: Stopper, tried: Set<number>, handOver: boolean,
): Individual | null {
  const nR = best.routes.length;
  let r = -1;
  if (handOver) {
    // routes already handed over (keys nR + r), and routes no cheaper vehicle could take, are passed over
    const skip = new Set<number>();
    for (const k of tried) if (k >= nR) skip.add(k - nR);
    for (let q = 0; q < nR; q++) if (best.routes[q].length > 0 && cheaperVehicleFor(data, ls, best.routes, q) < 0) skip.add(q);
    r = routeToEliminate(ls, best.routes, pen.cap, pen.tw, skip);
  }
  if (r < 0) {
    r = routeToEliminate(ls, best.routes, pen.cap, pen.tw, new Set([...tried].filter((k) => k < nR)));
    handOver = false;
  }
  if (r < 0) return null;
  tried.add(handOver ? nR + r : r);
  try {
    const stop = (): boolean => stopper.stop();
    const start = handOver
      ? withRouteOn(data, ls, best.routes, r, cheaperVehicleFor(data, ls, best.routes, r), pen.cap, pen.tw, rng, stop)
      : withoutRoute(data, ls, best.routes, r, pen.cap, pen.tw, rng, stop);
    if (!handOver) return iteratedSearch(data, ls, start, pen, rng, stopper, ELIMINATION.patience, () => {}, false);
    // a hand-over ends at its first plan better than the best (the trajectory goes on from it)
    return iteratedSearch(data, ls, start, pen, rng, stopper, ELIMINATION.handOverPatience, () => {}, false, (b) => better(b, best), ELIMINATION.handOverCap);
  } finally {
    ls.keepFleet = false;
  }
}
