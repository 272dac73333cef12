// solveLrp: a depot-configuration search over a multi-depot routing search. Each round looks at
// the configurations one open/close/swap away from the best, screens them by a carried-over
// solution polished by local search, gives the most promising a short ruin-and-recreate run,
// then intensifies on the best configurations of an elite pool. Anytime and cancellable.
import { Budget, type LrpSolveOptions, type StoppedBy } from "./budget.js";
import { carryOver, configKey, type DepotSet, neighbourConfigs, rankConfigs } from "./configurations.js";
import { buildLrpData, type LrpData, type LrpInput } from "./data.js";
import { RouteSearch } from "./ils.js";
import { Rng } from "./random.js";
import { recreate } from "./recreate.js";
import { LrpState } from "./state.js";

/** A route: its depot (index from 0) and customers (indices from 0) in visit order. */
export interface LrpRoute {
  depot: number;
  customers: number[];
}

export interface LrpResult {
  /** Depots with at least one route (indices from 0). */
  open: number[];
  routes: LrpRoute[];
  /** Opening costs + route costs + travel, as the search computed it. */
  cost: number;
  feasible: boolean;
  stats: { iterations: number; stoppedBy: StoppedBy; seconds: number; configurations: number };
}

interface Elite {
  set: DepotSet;
  sol: LrpState;
  val: number;
  runs: number;
}

const SCREEN_TOP = 3;
/** Configurations the search starts from (by the facility-location estimate). */
const START_CONFIGS = 6;
const POOL_SIZE = 8;
/** Starting temperature of a segment, in units of a typical short edge. */
const TEMPERATURE = 0.1;

/**
 * Solves a capacitated location-routing instance.
 * @throws UrbanmineError INVALID_INPUT / INFEASIBLE from the data checks (see buildLrpData)
 */
export function solveLrp(input: LrpInput | LrpData, options: LrpSolveOptions = {}): LrpResult {
  const data = "cost" in input && input.cost instanceof Float64Array ? (input as LrpData) : buildLrpData(input as LrpInput);
  const budget = new Budget(options);
  const rng = new Rng(options.seed ?? 1);
  const search = new RouteSearch(data, rng, budget, (st) => options.onProgress?.({ iteration: budget.iteration, cost: st.cost(), seconds: budget.seconds() }));
  const pool = new Map<string, Elite>();
  const remember = (sol: LrpState): Elite => {
    const set = sol.openDepots();
    const key = configKey(set);
    const val = search.value(sol);
    const old = pool.get(key);
    if (old && old.val <= val) return old;
    const e: Elite = { set, sol: sol.clone(), val, runs: old?.runs ?? 0 };
    e.sol.allowed.fill(0);
    for (const d of set) e.sol.allowed[d] = 1;
    pool.set(key, e);
    return e;
  };

  // starting configurations: the best by a facility-location estimate, and all depots allowed
  const starts: Array<DepotSet | undefined> = [...rankConfigs(data, START_CONFIGS).map((e) => e.set), undefined];
  for (const set of starts) {
    if (budget.stop() && pool.size > 0) break;
    const start = new LrpState(data);
    if (set) {
      start.allowed.fill(0);
      for (const d of set) start.allowed[d] = 1;
    }
    recreate(start, rng.shuffle(Array.from({ length: data.n }, (_, c) => data.m + c)), rng, 0);
    budget.iteration++;
    remember(search.polish(start) ?? start);
  }
  let seg = Math.max(10, Math.min(200, Math.round(data.n)));
  const temperature = (): number => TEMPERATURE * search.edgeScale;
  const screened = new Set<string>();
  let explored = 0;

  while (!budget.stop()) {
    const before = search.bestCost;
    const elite = [...pool.values()].sort((a, b) => a.val - b.val);
    const head = elite[0];
    // screen neighbour configurations of the best one (once per best configuration)
    const headKey = configKey(head.set);
    if (!screened.has(headKey)) {
      screened.add(headKey);
      const scored: Array<{ sol: LrpState; val: number }> = [];
      for (const set of neighbourConfigs(data, head.set)) {
        if (budget.stop()) break;
        budget.iteration++;
        const sol = carryOver(head.sol, set, rng);
        const feasible = search.polish(sol) ?? sol;
        scored.push({ sol: feasible, val: search.value(feasible) });
        explored++;
      }
      scored.sort((a, b) => a.val - b.val);
      for (const s of scored.slice(0, SCREEN_TOP)) {
        if (budget.stop()) break;
        remember(search.segment(s.sol, seg, temperature()));
      }
    }
    // intensify on the elite: the best, sometimes another
    const ranked = [...pool.values()].sort((a, b) => a.val - b.val).slice(0, POOL_SIZE);
    const pick = rng.next() < 0.7 || ranked.length === 1 ? ranked[0] : ranked[1 + rng.int(Math.min(ranked.length - 1, 3))];
    pick.runs++;
    remember(search.segment(pick.sol, seg, temperature()));
    if (search.best) remember(search.best);
    if (search.bestCost >= before) seg = Math.min(seg * 2, 20 * Math.max(50, data.n));
    trim(pool);
  }

  const best = search.best ?? [...pool.values()].sort((a, b) => a.val - b.val)[0].sol;
  return {
    open: best.openDepots(),
    routes: best.routes.map((seq, r) => ({ depot: best.depotOf[r], customers: seq.map((c) => c - data.m) })),
    cost: best.cost(),
    feasible: best.feasible(),
    stats: { iterations: budget.iteration, stoppedBy: budget.stoppedBy ?? "iterations", seconds: budget.seconds(), configurations: explored },
  };
}

function trim(pool: Map<string, Elite>): void {
  if (pool.size <= POOL_SIZE * 2) return;
  const keep = [...pool.entries()].sort((a, b) => a[1].val - b[1].val).slice(0, POOL_SIZE);
  pool.clear();
  for (const [k, e] of keep) pool.set(k, e);
}
