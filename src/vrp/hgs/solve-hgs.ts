// Hybrid genetic search (after Vidal 2022, HGS-CVRP, and PyVRP): local search with penalised
// infeasibility over route segments, a population managed for cost and diversity, adaptive
// penalties. Identical vehicles at one depot: random giant tours, split, ordered crossover.
// A mixed fleet: random-order cheapest insertion and route-based crossover, routes bound to
// vehicles. Stops are optional (VROOM's model: served priority, then stops served, then cost)
// when asked, for several windows per stop, or once the first few individuals hold no solution
// serving every stop: the local
// search then leaves out the stops least worth their excess. Stops early when nothing improved
// for a long run (see noImprovementLimit).
import type { Rng } from "../random.js";
import type { Stopper } from "../stopping.js";
import { orderedCrossover } from "./crossover.js";
import type { HgsData } from "./hgs-data.js";
import { granularNeighbours } from "./granular.js";
import { better, Individual } from "./individual.js";
import { iteratedSearch } from "./iterated.js";
import { LocalSearch } from "./local-search.js";
import { initialPenalties, type PenaltyParams, PenaltyManager } from "./penalty-manager.js";
import { Population } from "./population.js";
import { routeCrossover } from "./route-crossover.js";
import { split } from "./split.js";

// HGS-CVRP's defaults (Vidal 2022), except two settings for budgets of about a minute, both
// measured at 60 CPU-s as the mean gap of seeds 1–4 (bench/results/vrp-x-60s.md):
// - a granular neighbourhood of the 10 closest customers (HGS: 20): 1.5–2× more generations,
//   which matters more on 400–1,000 customers than the moves skipped (X-n1001-k43: 20 → 3.80%,
//   15 → 3.62%, 12 → 3.48–3.63%, 10 → 3.44–3.73%, 8 → 3.56%);
// - a smaller population, mu 15 and lambda 25 (HGS: 25 and 40), which converges within the
//   budget (with granular 10, X-n1001-k43 3.29% vs 3.44–3.73%, X-n401-k29 0.52% vs 0.70%,
//   X-n200-k36 0.07% vs 0.10%).
// - a mixed fleet: a granular neighbourhood of 20 (40 as for VRPTW gave fewer generations and
//   dearer days at 15 CPU-s on the day200 rich day, seeds 1-2, both variants).
// - optionalAfter: fresh individuals, none feasible, after which stops become optional (on day200
//   with a fleet too small, the whole initial population built with every stop forced took 90%
//   of a 20 CPU-s budget).
// - feasibleWithin: generations a giant-tour search runs with nothing feasible before it gives
//   the day up (two penalty updates; R101 finds feasible solutions in its initial population).
const PARAMS = { optionalAfter: 4, mu: 15, lambda: 25, nbElite: 4, nbClose: 5, granular: 10, granularTw: 40, granularMixed: 20, restartAfter: 20_000, feasibleWithin: 200 };
/**
 * Penalties (PenaltyManager): HGS-CVRP's schedule, measured at 60 CPU-s on the X instances: a
 * feasible share of 0.2 targeted, each penalty updated every 100 registered individuals by 1.2
 * or 0.85; every other infeasible offspring repaired under 10 times the penalties. Giant tours
 * repair once more under 100 times if still infeasible (as HGS did): on R101 a single boost
 * left every repair of the initial population 0.1-4 units of time warp short of feasible.
 * (PyVRP's schedule, a share of 0.43 every 50 by 1.34 or 0.32, repairs under 12 times in 4 of
 * 5, also finds R101 feasible with two rounds; the 60 s X figures were measured with this one.)
 */
const PENALTIES: PenaltyParams = { every: 100, target: 0.2, tolerance: 0.05, increase: 1.2, decrease: 0.85, min: 0.1, max: 100_000, booster: 10 };
const REPAIR = { probability: 0.5, roundsGiantTour: 2, roundsBound: 1 };
/**
 * Classic data (giant tours, one load dimension, no time windows): the schedule before the
 * manager (HGS-CVRP's): capacity penalty from the longest edge over the largest stop, the
 * feasible share counted over every educated individual and applied every 100 generations, one
 * repair round. The schedule above was made for tight windows (R101); on X-n1001-k43 at 60
 * CPU-s (300-400 generations, so the start penalty weighs) this one gave 3.65% against 3.91%,
 * seeds 1-4 side by side (X-n401-k29 0.67% against 0.60%; see bench/README.md).
 */
function classicSchedule(data: HgsData): boolean {
  return data.giantTour && !data.hasTimeWindows && data.nDims === 1;
}
/**
 * Iterated local search instead of the genetic loop (see iterated.ts) on vehicle-bound days from
 * this many stops, after this many starts (`repair`: iterations it may take to make an infeasible
 * start feasible before stops become optional). At 30 CPU-s (2026-12-07, seeds 1-3): day400 without
 * hazardous stops (341) 3951 -> about 3730 mean. On day200 (200 stops; 171 without hazardous
 * ones) the genetic search was as good or better until the iterated search gained route
 * elimination and cheaper move evaluation; since (2026-12-07, 30 CPU-s, seeds 1-3, load 2-3):
 * full 2601.71 mean against the genetic search's 2675.83 (load 1-2), without hazardous stops
 * 2301.48 against 2308.36.
 */
const ITERATED = { minStops: 150, starts: 4, repair: 2000 };
/**
 * Generations without a new best after which the search stops ("no-improvement"): 200 per
 * customer, at least 1,000 and at most two restarts' worth. A day of a few stops gets there
 * in a second or so; minute-long runs on hundreds of stops never do.
 */
function noImprovementLimit(n: number): number {
  return Math.min(2 * PARAMS.restartAfter, Math.max(1000, 200 * n));
}

/**
 * Best feasible routes found (customer ids; with a mixed fleet one list per vehicle, empty ones
 * included; customers in none are left out), or null if none was feasible (the giant-tour
 * variant only, which serves every stop: routes bound to vehicles always return feasible ones). `onBest` receives the cost in the data's cost unit.
 * `optional`: stops may be left out from the start (routes bound to vehicles only).
 */
export function solveHgs(data: HgsData, rng: Rng, stopper: Stopper, onBest: (cost: number) => void, optional = false): number[][] | null {
  const stop = (): boolean => stopper.stop();
  const n = data.n;
  let totalDemand = 0;
  for (let i = 0; i < n; i++) totalDemand += data.demand[i];
  const nRoutes = !data.giantTour ? data.nVehicles
    : Math.min(data.maxRoutes, Math.max(Math.ceil((1.3 * totalDemand) / data.capacity) + 3, data.hasTimeWindows ? data.maxRoutes : 0));
  const neighbours = granularNeighbours(data, !data.giantTour ? PARAMS.granularMixed : data.hasTimeWindows ? PARAMS.granularTw : PARAMS.granular);
  const ls = new LocalSearch(data, nRoutes, neighbours, rng);
  // a job with several windows is served by one of its copies: the optional-stop moves choose it
  ls.optional = (optional || data.copies) && !data.giantTour;
  const pop = new Population(PARAMS, rng);
  const pm = penaltyManager(data, ls, nRoutes);
  const classic = classicSchedule(data);
  const repairRounds = data.giantTour && !classic ? REPAIR.roundsGiantTour : REPAIR.roundsBound;
  let overallBest: Individual | null = null;
  /** The start of least penalised cost, feasible or not (where the iterated search begins a repair). */
  let bestStart: Individual | null = null;
  let sinceImprove = 0;

  let sinceBest = 0;
  const educate = (routes: number[][], missing: ArrayLike<number> = [], openOrder: ArrayLike<number> | null = null): void => {
    let ind = new Individual(data, ls.run(routes, pm.cap, pm.tw, stop, missing, openOrder), pm.cap, pm.tw);
    if (bestStart === null || ind.penalisedCost < bestStart.penalisedCost) bestStart = ind;
    let improved = pop.add(ind);
    // the population's penalised costs follow the penalties
    if (pm.register(ind.capExcess < 1e-9, ind.timeWarp < 1e-9) && !classic) pop.reprice(pm.cap, pm.tw);
    if (!ind.feasible && ls.optional && !stop()) {
      // leave out what does not fit, then search again under boosted penalties
      ind = new Individual(data, ls.repairByDropping(pm.boostedCap(), pm.boostedTw(), stop), pm.cap, pm.tw);
      improved = pop.add(ind) || improved;
    } else if (!ind.feasible && rng.next() < REPAIR.probability && !stop()) {
      // repair: the same individual under boosted penalties, boosted again while infeasible
      for (let boost = 1, k = 0; k < repairRounds && !ind.feasible && !stop(); k++) {
        boost *= PENALTIES.booster;
        ind = new Individual(data, ls.run(ind.routes, pm.cap * boost, pm.tw * boost, stop), pm.cap, pm.tw);
      }
      if (ind.feasible) improved = pop.add(ind) || improved;
    }
    if (pop.best && (!overallBest || better(pop.best, overallBest))) {
      overallBest = pop.best;
      onBest(overallBest.cost);
      sinceImprove = 0;
      sinceBest = 0;
    } else {
      sinceBest++;
      if (!improved) sinceImprove++;
    }
  };

  const randomTour = (): Int32Array => Int32Array.from(rng.shuffle(Array.from({ length: n }, (_, i) => i)));
  const noRoutes = (): number[][] => Array.from({ length: nRoutes }, () => []);
  // a mixed fleet: each new individual opens vehicles in its own random order, so the
  // population starts from many fleet mixes (cheapest-first would only ever open the cheapest type)
  const randomFleet = (): Int32Array => Int32Array.from(rng.shuffle(Array.from({ length: nRoutes }, (_, r) => r)));
  const fresh = (): void => {
    if (data.giantTour) educate(split(data, randomTour(), nRoutes, pm.cap, pm.tw));
    // optional stops: half the time the local search's feasible insertions in random order (no
    // excess to repair: fast), else every stop inserted and the excess left out (other stops
    // left out: measured necessary for the optimum on the exhaustive-search cases)
    else if (ls.optional && rng.next() < 0.5) educate(noRoutes());
    else educate(noRoutes(), randomTour(), randomFleet());
  };
  const offspring = (): void => {
    if (data.giantTour) educate(split(data, orderedCrossover(pop.select().tour, pop.select().tour, rng), nRoutes, pm.cap, pm.tw));
    else {
      const child = routeCrossover(pop.select(), pop.select(), neighbours, data.nextCopy, rng);
      educate(child.routes, child.missing);
    }
  };
  // HGS starts from 4·mu individuals; on large instances each local search is slow, so fewer,
  // and never more than a fifth of a known time budget leave time for the genetic phase. Routes
  // bound to vehicles: each costs about a generation (0.3 CPU-s on a 200-stop day), so never
  // more than the generations allowed either (at least two); giant tours cost milliseconds
  // routes bound to vehicles, every stop served, 150 stops or more: a few starts, then the
  // iterated local search from the best (see iterated.ts)
  const iterated = (): boolean => !data.giantTour && !ls.optional && !data.copies && n >= ITERATED.minStops;
  const initial = iterated() ? Math.min(ITERATED.starts, Math.max(2, stopper.iterationBudget())) : Math.min(
    4 * PARAMS.mu,
    Math.max(PARAMS.mu, Math.round((4 * PARAMS.mu * 300) / n)),
    data.giantTour ? Infinity : Math.max(2, stopper.iterationBudget()),
  );
  for (let k = 0; k < initial && !stop(); k++) {
    fresh();
    if (stopper.progress() > 0.2 && pop.size() >= 2) break;
    // nothing feasible among the first few (repairs included): most likely not every stop fits
    // (the iterated search first tries to repair the best start: see below)
    if (!data.giantTour && !pop.best && k + 1 === PARAMS.optionalAfter && !iterated()) ls.optional = true;
  }
  // iterated search, nothing feasible among the starts: it repairs the least penalised one under
  // its own penalties (day400 in full, seed 3: every start broke a window or a capacity) before
  // stops are made optional, up to the first feasible plan (the search with route elimination
  // goes on from there: day200 in full, seed 4, spent 5,142 of 6,000 iterations repairing and
  // kept a seventh vehicle, 2637.26; from the first feasible plan, 2588.58)
  const start = bestStart as Individual | null;
  const pen = { cap: pm.cap, tw: pm.tw };
  if (iterated() && !pop.best && start !== null && !stop()) {
    const found = iteratedSearch(data, ls, start, pen, rng, stopper, ITERATED.repair, (b) => onBest(b.cost), false, () => true);
    if (found !== null) {
      pop.add(found);
      overallBest = found;
    }
  }
  // nothing feasible among the initial population: routes bound to vehicles take it that not
  // every customer fits (fleet or horizon too small) and make stops optional; giant tours search
  // on (the penalties rise until offspring come out feasible, as on tight windows), unless the
  // fleet cannot carry the demand (the caller then retries with routes bound to vehicles)
  if (!pop.best) {
    if (data.giantTour && totalDemand > data.maxRoutes * data.capacity + 1e-9) return null;
    if (!data.giantTour) {
      ls.optional = true;
      while (!pop.best && !stop()) fresh();
    }
  }
  if (iterated() && overallBest !== null) {
    const best = iteratedSearch(data, ls, overallBest, pen, rng, stopper, noImprovementLimit(n), (b) => onBest(b.cost));
    return (best ?? overallBest).routes;
  }
  while (!stop()) {
    // giant tours: still nothing feasible after this many generations, most likely not every
    // customer fits (windows or horizon): the caller searches again with routes bound to
    // vehicles and stops optional
    if (data.giantTour && !overallBest && stopper.iteration >= PARAMS.feasibleWithin) return null;
    stopper.iteration++;
    offspring();
    if (classic && stopper.iteration % PENALTIES.every === 0) {
      pm.update();
      pop.reprice(pm.cap, pm.tw);
    }
    if (sinceBest >= noImprovementLimit(n)) {
      stopper.stoppedBy = "no-improvement";
      break;
    }
    if (sinceImprove >= PARAMS.restartAfter) {
      pop.clear();
      sinceImprove = 0;
      for (let k = 0; k < 4 * PARAMS.mu && !stop(); k++) fresh();
    }
  }
  const best = overallBest as Individual | null;
  // stopped before anything feasible was found (a deadline, a cancel): routes bound to vehicles
  // keep the stops that fit, inserted greedily (never a route that breaks a limit)
  if (!best) return data.giantTour ? null : ls.fillFeasible(breaksOnly(data, nRoutes));
  // a last greedy pass: any stop left out that still fits somewhere goes in
  return data.giantTour ? best.routes : ls.fillFeasible(best.routes);
}

/** Routes holding only the breaks, each on a vehicle with room for its kind (an unused vehicle keeps its own). */
function breaksOnly(data: HgsData, nRoutes: number): number[][] {
  const routes: number[][] = Array.from({ length: nRoutes }, () => []);
  const taken = new Float64Array(data.vCapacity.length);
  for (let c = 0; c < data.n; c++) {
    if (!data.isBreak[c]) continue;
    let q = data.nJobDims;
    while (q < data.nDims && data.amounts[c * data.nDims + q] === 0) q++;
    for (let r = 0; r < nRoutes; r++) {
      const k = r * data.nDims + q;
      if (taken[k] + 1 > data.vCapacity[k] + 1e-9) continue;
      taken[k]++;
      routes[r].push(c);
      break;
    }
  }
  return routes;
}

/**
 * Giant tours: penalties from the data (see initialPenalties). Routes bound to vehicles: a unit
 * of excess load weighs the dearest km times the longest edge over the largest stop, a second
 * of time warp twice the dearest route's second, as measured on the rich days.
 */
function penaltyManager(data: HgsData, ls: LocalSearch, nRoutes: number): PenaltyManager {
  let kmCost = 0;
  for (let r = 0; r < nRoutes; r++) kmCost = Math.max(kmCost, ls.kmCost[r]);
  let perS = 0;
  for (let v = 0; v < data.nVehicles; v++) perS = Math.max(perS, data.vPerS[v]);
  if (classicSchedule(data)) return new PenaltyManager(oldStartCap(data, kmCost), 1, { ...PENALTIES, every: Infinity });
  if (data.giantTour) {
    const init = initialPenalties(data, kmCost, perS);
    return new PenaltyManager(init.cap, init.tw, PENALTIES);
  }
  return new PenaltyManager(oldStartCap(data, kmCost), Math.max(0.01, 2 * perS), PENALTIES);
}

/** A unit of excess load: the dearest km times the longest edge over the largest stop. */
function oldStartCap(data: HgsData, kmCost: number): number {
  let maxDist = 0;
  for (let k = 0; k < data.dist.length; k++) if (data.dist[k] > maxDist) maxDist = data.dist[k];
  let maxDemand = 0;
  for (let i = 0; i < data.n; i++) maxDemand = Math.max(maxDemand, data.demand[i]);
  return Math.max(0.1, Math.min(1000, (kmCost * maxDist) / Math.max(1e-9, maxDemand)));
}
