// Routing search inside one depot configuration: iterated local search with ruin-and-recreate
// perturbations and an annealing acceptance on the penalised cost, so the search may pass
// through solutions over a vehicle or depot capacity; the penalties adapt to keep a share of
// the local optima feasible, and an infeasible one is also repaired (raised penalties) to offer
// its feasible neighbour as a best solution.
import type { Budget } from "./budget.js";
import type { LrpData } from "./data.js";
import { LocalSearch } from "./local-search.js";
import type { Rng } from "./random.js";
import { insertionOrder, recreate } from "./recreate.js";
import { ruin } from "./ruin.js";
import type { LrpState } from "./state.js";

/** Share of feasible local optima the penalty adaptation aims at. */
const TARGET_FEASIBLE = 0.4;

export class RouteSearch {
  /** Best feasible solution seen by any segment. */
  best: LrpState | undefined;
  bestCost = Infinity;
  /** Mean cost of an edge to a customer's nearest neighbours (the scale of the temperatures). */
  readonly edgeScale: number;
  private readonly ls: LocalSearch;
  private penV: number;
  private penD: number;
  private readonly basePen: number;
  private feasibleCount = 0;
  private polishCount = 0;

  constructor(
    private readonly data: LrpData,
    private readonly rng: Rng,
    private readonly budget: Budget,
    private readonly onBest: (st: LrpState) => void,
  ) {
    this.ls = new LocalSearch(data);
    let edge = 0;
    for (let c = data.m; c < data.size; c++) {
      const nb = data.neighbours[c];
      const k = Math.min(5, nb.length);
      for (let t = 0; t < k; t++) edge += data.cost[c * data.size + nb[t]] / Math.max(1, k);
    }
    this.edgeScale = Math.max(1e-6, edge / data.n);
    this.basePen = Math.max(1e-3, (2 * this.edgeScale) / (data.totalDemand / data.n));
    this.penV = this.basePen;
    this.penD = this.basePen;
  }

  /**
   * Local search on st with the current penalties (st stays the penalised local optimum).
   * @returns a feasible solution from it (st itself, or a repaired copy), or undefined
   */
  polish(st: LrpState): LrpState | undefined {
    st.penV = this.penV;
    st.penD = this.penD;
    this.ls.run(st, this.rng);
    const vOk = st.vehicleExcess() < 1e-9;
    const dOk = st.depotExcess() < 1e-9;
    this.polishCount++;
    if (vOk && dOk) this.feasibleCount++;
    if (this.polishCount === 50) {
      const share = this.feasibleCount / this.polishCount;
      const f = share < TARGET_FEASIBLE - 0.1 ? 1.3 : share > TARGET_FEASIBLE + 0.1 ? 0.8 : 1;
      this.penV = Math.min(this.basePen * 1e3, Math.max(this.basePen * 0.02, this.penV * f));
      this.penD = Math.min(this.basePen * 1e3, Math.max(this.basePen * 0.02, this.penD * f));
      this.polishCount = 0;
      this.feasibleCount = 0;
    }
    let feasible: LrpState | undefined = st;
    if (!(vOk && dOk)) {
      feasible = st.clone();
      for (let t = 0; t < 4 && !feasible.feasible(); t++) {
        feasible.penV *= 10;
        feasible.penD *= 10;
        this.ls.run(feasible, this.rng);
      }
      if (!feasible.feasible()) feasible = undefined;
    }
    if (feasible) this.offer(feasible);
    return feasible;
  }

  /** Records st when it is the best feasible solution so far. */
  offer(st: LrpState): void {
    if (!st.feasible()) return;
    const c = st.cost();
    if (c < this.bestCost - 1e-9) {
      this.bestCost = c;
      this.best = st.clone();
      this.onBest(this.best);
    }
  }

  /**
   * Up to `iterations` ruin-and-recreate steps from `start` (restricted to its allowed depots),
   * annealing from `temperature` down to 0.
   * @returns the segment's best feasible solution, or its least penalised one when none was
   */
  segment(start: LrpState, iterations: number, temperature: number): LrpState {
    let cur = start.clone();
    let segFeasible: LrpState | undefined = start.feasible() ? start.clone() : undefined;
    let segLeast = start.clone();
    const cand = start.clone();
    const n = this.data.n;
    const kMax = Math.min(n, Math.max(6, Math.round(0.12 * n)));
    const kMin = Math.min(n, 3);
    for (let it = 0; it < iterations && !this.budget.stop(); it++) {
      this.budget.iteration++;
      cand.copyFrom(cur);
      const removed = ruin(cand, this.rng.between(kMin, kMax), this.rng);
      cand.penV = this.penV;
      cand.penD = this.penD;
      recreate(cand, insertionOrder(cand, removed, this.rng), this.rng, undefined, true);
      const feasible = this.polish(cand);
      if (feasible && (!segFeasible || feasible.cost() < segFeasible.cost() - 1e-9)) segFeasible = feasible === cand ? cand.clone() : feasible;
      const val = this.penalised(cand);
      const curVal = this.penalised(cur);
      if (!segFeasible && val < this.penalised(segLeast)) segLeast = cand.clone();
      const t = temperature * (1 - it / iterations);
      if (val < curVal - 1e-9 || (t > 0 && val < curVal - t * Math.log(this.rng.next() + 1e-12))) cur = cand.clone();
    }
    return segFeasible ?? segLeast;
  }

  /** Cost with capacity excess at the current penalties. */
  penalised(st: LrpState): number {
    return st.cost() + this.penV * st.vehicleExcess() + this.penD * st.depotExcess();
  }

  /** Ranking of configurations' solutions: feasible ones by cost, infeasible ones behind them. */
  value(st: LrpState): number {
    return st.feasible() ? st.cost() : st.cost() + this.basePen * 100 * (st.vehicleExcess() + st.depotExcess()) + 1e12 * st.unrouted();
  }
}
