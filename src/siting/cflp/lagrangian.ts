// Lagrangian relaxation of the demand constraints Σ_i x_ij = 1 of the capacitated facility
// location problem (Beasley 1988): with multipliers λ_j the problem splits into one
// continuous knapsack per facility, tied together only by the surrogate constraint
// Σ_i s_i y_i ≥ Σ_j d_j, a covering knapsack solved exactly by dynamic programming.
import type { CflpInstance } from "./orlib-reader.js";

export interface LagrangianPoint {
  /** L(λ): a lower bound on the optimum under the node's fixings (+Infinity: the fixings cannot cover demand). */
  bound: number;
  /** Facilities open in the relaxed solution. */
  y: Uint8Array;
  /** v_i: fixed cost plus the best knapsack reduced cost of facility i. */
  v: Float64Array;
  /** Σ_i x_ij − 1 … as g_j = 1 − Σ_i x_ij, the subgradient at λ. */
  g: Float64Array;
}

/** Evaluates L(λ) for fixings (−1 free, 0 closed, 1 open). Scratch buffers live in the instance. */
export class CflpLagrangian {
  private readonly order: Int32Array[];
  private readonly ratio: Float64Array;
  private readonly cut: Int32Array;
  private readonly frac: Float64Array;
  readonly totalDemand: number;

  constructor(private readonly inst: CflpInstance) {
    this.order = Array.from({ length: inst.m }, () => new Int32Array(inst.n));
    this.ratio = new Float64Array(inst.n);
    this.cut = new Int32Array(inst.m);
    this.frac = new Float64Array(inst.m);
    this.totalDemand = inst.demand.reduce((a, d) => a + d, 0);
  }

  evaluate(lambda: Float64Array, fixed: Int8Array): LagrangianPoint {
    const { m, n, cost, demand, capacity, fixedCost } = this.inst;
    const v = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      if (fixed[i] === 0) {
        v[i] = Infinity;
        continue;
      }
      // Continuous knapsack: customers with negative reduced cost, best ratio first.
      const ord = this.order[i];
      let k = 0;
      let want = 0;
      const base = i * n;
      for (let j = 0; j < n; j++) {
        const r = cost[base + j] - lambda[j];
        if (r < 0) {
          ord[k++] = j;
          this.ratio[j] = r / demand[j];
          want += demand[j];
        }
      }
      const items = ord.subarray(0, k);
      // Order matters only when the attractive customers do not all fit.
      if (want > capacity[i]) items.sort((a, b) => this.ratio[a] - this.ratio[b]);
      let room = capacity[i];
      let val = fixedCost[i];
      let c = 0;
      this.frac[i] = 0;
      for (; c < k; c++) {
        const j = items[c];
        const r = cost[base + j] - lambda[j];
        if (demand[j] <= room) {
          room -= demand[j];
          val += r;
        } else {
          this.frac[i] = room / demand[j];
          val += r * this.frac[i];
          break;
        }
      }
      this.cut[i] = c;
      v[i] = val;
    }
    const y = new Uint8Array(m);
    let bound = lambda.reduce((a, l) => a + l, 0);
    const cover = coverKnapsack(v, capacity, fixed, this.totalDemand, y);
    bound += cover;
    const g = new Float64Array(n).fill(1);
    for (let i = 0; i < m; i++) {
      if (!y[i]) continue;
      const items = this.order[i];
      for (let c = 0; c < this.cut[i]; c++) g[items[c]] -= 1;
      if (this.frac[i] > 0 && this.cut[i] < n) g[items[this.cut[i]]] -= this.frac[i];
    }
    return { bound, y, v, g };
  }
}

/**
 * min Σ v_i y_i subject to Σ s_i y_i ≥ D and the fixings; facilities with v_i < 0 open for free.
 * Exact by dynamic programming over capacity in units of the capacities' greatest common divisor
 * (a single unit when all capacities are equal, as in the OR-Library sets); when the table
 * would be too large, the LP relaxation's value (still a valid bound) with a greedy cover.
 * Writes the chosen y and returns its value (+Infinity when no cover exists).
 */
export function coverKnapsack(v: Float64Array, s: Float64Array, fixed: Int8Array, demand: number, y: Uint8Array): number {
  const m = v.length;
  let total = 0;
  let need = demand;
  const cand: number[] = [];
  for (let i = 0; i < m; i++) {
    if (fixed[i] === 0) continue;
    if (fixed[i] === 1 || v[i] < 0) {
      y[i] = 1;
      total += v[i];
      need -= s[i];
    } else cand.push(i);
  }
  if (need <= 1e-9) return total;
  const avail = cand.reduce((a, i) => a + s[i], 0);
  if (avail < need - 1e-9) return Infinity;
  const intCaps = cand.every((i) => Number.isInteger(s[i]));
  let unit = 0;
  if (intCaps) for (const i of cand) unit = gcd(unit, s[i]);
  const states = unit > 0 ? Math.ceil(need / unit - 1e-9) : Infinity;
  if (states * cand.length <= 4e6) {
    // best[c]: least cost of covering at least c units; choice tracked per item for recovery.
    const best = new Float64Array(states + 1).fill(Infinity);
    best[0] = 0;
    const take = new Uint8Array(cand.length * (states + 1));
    cand.forEach((i, k) => {
      const w = Math.round(s[i] / unit);
      for (let c = states; c >= 1; c--) {
        const from = Math.max(0, c - w);
        const alt = best[from] + v[i];
        if (alt < best[c]) {
          best[c] = alt;
          take[k * (states + 1) + c] = 1;
        }
      }
    });
    let c = states;
    for (let k = cand.length - 1; k >= 0 && c > 0; k--)
      if (take[k * (states + 1) + c]) {
        y[cand[k]] = 1;
        c = Math.max(0, c - Math.round(s[cand[k]] / unit));
      }
    return total + best[states];
  }
  // LP relaxation: cheapest cost per unit of capacity first.
  cand.sort((a, b) => v[a] / s[a] - v[b] / s[b]);
  let lp = 0;
  let left = need;
  for (const i of cand) {
    if (left <= 0) break;
    y[i] = 1;
    lp += v[i] * Math.min(1, left / s[i]);
    left -= s[i];
  }
  return total + lp;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
