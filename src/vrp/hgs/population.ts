// Population of the genetic search (Vidal 2012/2022): feasible and infeasible
// sub-populations, biased fitness from cost rank and diversity rank, survivor selection
// that removes clones first, and binary tournaments.
import type { Rng } from "../random.js";
import { better, type Individual } from "./individual.js";

/** Sizes of the population (HGS-CVRP defaults: mu 25, lambda 40, elite 4, close 5). */
export interface PopulationParams {
  /** Minimum sub-population size (mu) and generation size (lambda). */
  mu: number;
  lambda: number;
  /** Individuals kept for their cost regardless of diversity. */
  nbElite: number;
  /** Closest individuals averaged in the diversity contribution. */
  nbClose: number;
}

class SubPopulation {
  readonly members: Individual[] = [];
  /** distances[i][j] between members, kept in step with `members`. */
  private readonly dist: number[][] = [];
  private dirty = true;

  constructor(private readonly p: PopulationParams) {}

  add(ind: Individual): void {
    const row = this.members.map((m) => ind.distanceTo(m));
    this.dist.forEach((r, k) => r.push(row[k]));
    row.push(0);
    this.dist.push(row);
    this.members.push(ind);
    this.dirty = true;
    if (this.members.length > this.p.mu + this.p.lambda) {
      while (this.members.length > this.p.mu) this.removeWorst();
    }
  }

  clear(): void {
    this.members.length = 0;
    this.dist.length = 0;
    this.dirty = true;
  }

  /** Re-prices members under new penalties (their rank by cost may change). */
  reprice(capPenalty: number, twPenalty: number): void {
    for (const m of this.members) m.reprice(capPenalty, twPenalty);
    this.dirty = true;
  }

  private removeAt(k: number): void {
    this.dirty = true;
    this.members.splice(k, 1);
    this.dist.splice(k, 1);
    for (const r of this.dist) r.splice(k, 1);
  }

  private removeWorst(): void {
    this.updateFitness();
    let worst = -1;
    let worstClone = false;
    let worstFit = -Infinity;
    this.members.forEach((m, k) => {
      const clone = this.dist[k].some((d, j) => j !== k && d < 1e-9);
      if ((clone && !worstClone) || (clone === worstClone && m.biasedFitness > worstFit)) {
        worst = k;
        worstClone = clone;
        worstFit = m.biasedFitness;
      }
    });
    this.removeAt(worst);
  }

  /** Biased fitness: cost rank plus weighted diversity rank (lower is better). */
  updateFitness(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const n = this.members.length;
    if (n === 0) return;
    if (n === 1) {
      this.members[0].biasedFitness = 0;
      return;
    }
    const close = this.p.nbClose;
    const smallest = new Float64Array(close);
    const div = this.members.map((_, k) => {
      // average of the nbClose smallest distances to the others (partial insertion sort)
      smallest.fill(Infinity);
      const row = this.dist[k];
      for (let j = 0; j < n; j++) {
        if (j === k) continue;
        const d = row[j];
        if (d >= smallest[close - 1]) continue;
        let s = close - 1;
        while (s > 0 && smallest[s - 1] > d) {
          smallest[s] = smallest[s - 1];
          s--;
        }
        smallest[s] = d;
      }
      const c = Math.min(close, n - 1);
      let sum = 0;
      for (let i = 0; i < c; i++) sum += smallest[i];
      return sum / Math.max(1, c);
    });
    const byCost = this.members.map((_, k) => k).sort((a, b) => this.members[a].penalisedCost - this.members[b].penalisedCost);
    const costRank = new Float64Array(n);
    byCost.forEach((k, r) => (costRank[k] = r / (n - 1)));
    const byDiv = this.members.map((_, k) => k).sort((a, b) => div[b] - div[a]);
    const divRank = new Float64Array(n);
    byDiv.forEach((k, r) => (divRank[k] = r / (n - 1)));
    const w = 1 - this.p.nbElite / n;
    this.members.forEach((m, k) => (m.biasedFitness = costRank[k] + (w > 0 ? w : 0) * divRank[k]));
  }
}

/** Feasible and infeasible sub-populations and the best feasible individual found. */
export class Population {
  private readonly feasible: SubPopulation;
  private readonly infeasible: SubPopulation;
  best: Individual | null = null;

  constructor(private readonly p: PopulationParams, private readonly rng: Rng) {
    this.feasible = new SubPopulation(p);
    this.infeasible = new SubPopulation(p);
  }

  /** Adds `ind`; returns true when it is a new best feasible solution (in VROOM's order). */
  add(ind: Individual): boolean {
    (ind.feasible ? this.feasible : this.infeasible).add(ind);
    if (ind.feasible && (!this.best || better(ind, this.best))) {
      this.best = ind;
      return true;
    }
    return false;
  }

  size(): number {
    return this.feasible.members.length + this.infeasible.members.length;
  }

  /** Binary tournament on biased fitness over both sub-populations. */
  select(): Individual {
    this.feasible.updateFitness();
    this.infeasible.updateFitness();
    const all = this.feasible.members.concat(this.infeasible.members);
    const a = all[this.rng.int(all.length)];
    const b = all[this.rng.int(all.length)];
    return a.biasedFitness <= b.biasedFitness ? a : b;
  }

  /** Re-prices the infeasible members after a penalty change. */
  reprice(capPenalty: number, twPenalty: number): void {
    this.infeasible.reprice(capPenalty, twPenalty);
  }

  /** Empties both sub-populations (restart), keeping the best. */
  clear(): void {
    this.feasible.clear();
    this.infeasible.clear();
  }
}
