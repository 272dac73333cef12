// Routing search inside one depot configuration: iterated local search with ruin-and-recreate
// perturbations and an annealing acceptance on the penalised cost; capacity penalties adapt to
// how often the local search ends infeasible, and a repair pass raises them when it does.
import type { Budget } from "./budget.js";
import type { LrpData } from "./data.js";
import { LocalSearch } from "./local-search.js";
import type { Rng } from "./random.js";
import { insertionOrder, recreate } from "./recreate.js";
import { ruin } from "./ruin.js";
import type { LrpState } from "./state.js";

export class RouteSearch {
  /** Best feasible solution seen by any segment. */
  best: LrpState | undefined;
  bestCost = Infinity;
  private readonly ls: LocalSearch;
  private penV: number;
  private penD: number;
  private readonly basePen: number;

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
    edge /= data.n;
    this.basePen = Math.max(1e-3, (2 * edge) / (data.totalDemand / data.n));
    this.penV = this.basePen;
    this.penD = this.basePen;
  }

  /** Local search, then repair with raised penalties if the result breaks a capacity. */
  polish(st: LrpState): void {
    st.penV = this.penV;
    st.penD = this.penD;
    this.ls.run(st, this.rng);
    const ok = st.vehicleExcess() < 1e-9 && st.depotExcess() < 1e-9;
    const adapt = (p: number, bad: boolean): number => Math.min(this.basePen * 1e4, Math.max(this.basePen * 0.05, bad ? p * 1.25 : p * 0.97));
    this.penV = adapt(this.penV, st.vehicleExcess() > 1e-9);
    this.penD = adapt(this.penD, st.depotExcess() > 1e-9);
    for (let t = 0; !ok && t < 4 && !st.feasible(); t++) {
      st.penV *= 10;
      st.penD *= 10;
      this.ls.run(st, this.rng);
    }
    this.offer(st);
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
   * Up to `iterations` ruin-and-recreate steps from `start` (restricted to its allowed depots).
   * @returns the best solution of the segment by penalised cost (feasible when one was found)
   */
  segment(start: LrpState, iterations: number, temperature: number): LrpState {
    let cur = start.clone();
    let segBest = start.clone();
    let segBestVal = this.value(segBest);
    let curVal = this.value(cur);
    const cand = start.clone();
    const n = this.data.n;
    const kMax = Math.min(n, Math.max(6, Math.round(0.12 * n)));
    const kMin = Math.min(n, 3);
    for (let it = 0; it < iterations && !this.budget.stop(); it++) {
      this.budget.iteration++;
      cand.copyFrom(cur);
      const removed = ruin(cand, this.rng.between(kMin, kMax), this.rng);
      recreate(cand, insertionOrder(cand, removed, this.rng), this.rng);
      this.polish(cand);
      const val = this.value(cand);
      const t = temperature * (1 - it / iterations);
      if (val < curVal - 1e-9 || (t > 0 && val < curVal - t * Math.log(this.rng.next() + 1e-12))) {
        const swap = cur;
        cur = cand.clone();
        void swap;
        curVal = val;
        if (val < segBestVal - 1e-9) {
          segBest.copyFrom(cand);
          segBestVal = val;
        }
      }
    }
    return segBest;
  }

  /** Feasible solutions by cost; infeasible ones behind them, by penalised cost. */
  value(st: LrpState): number {
    const f = st.feasible();
    return f ? st.cost() : st.cost() + this.basePen * 100 * (st.vehicleExcess() + st.depotExcess()) + 1e12 * st.unrouted();
  }
}
