// Phasing a MIP start over the years: the hubs and sizes that greedy + local search chose for the
// last year stay, but each may open later than year 1 (a hub opened stays open at its size). A
// local search moves each hub's first year while zones are assigned greedily, year by year, to
// the cheapest open hub with room; costs are the model's own columns for each year.
import type { SitingModel } from "./siting-model.js";
import type { HubChoice } from "./warm-start.js";

export interface PhasedChoice {
  /** openFrom[h]: first year (0-based) hub h is open; meaningful where choice.size[h] ≥ 0. */
  openFrom: Int32Array;
  /** arcOf[t][z]: index into data.arcs[z] of zone z's hub in year t, −1 when it is not served then. */
  arcOf: Int32Array[];
  cost: number;
}

/** Best first years for the chosen hubs; null when even opening all from year 1 fails. */
export function phaseIn(model: SitingModel, choice: HubChoice, maxEvaluations = 3000): PhasedChoice | null {
  const { data, milp } = model;
  const s = data.scenario;
  const T = data.years;
  const H = s.hubSites.length;
  const Q = data.supplyT.map((row) => row.reduce((a, v) => a + v, 0));
  const zones = Q.map((_, z) => z).filter((z) => Q[z] > 0).sort((a, b) => Q[b] - Q[a]);
  const open = [...Array(H).keys()].filter((h) => choice.size[h] >= 0);
  let evaluations = 0;

  const evaluate = (openFrom: Int32Array): PhasedChoice | null => {
    evaluations++;
    const arcOf = Array.from({ length: T }, () => new Int32Array(Q.length).fill(-1));
    let cost = 0;
    for (let t = 0; t < T; t++) {
      const room = new Float64Array(H);
      for (const h of open)
        if (openFrom[h] <= t) {
          room[h] = s.hubSites[h].sizes[choice.size[h]].capacityTPerYear;
          cost += milp.colCost[model.y[h][choice.size[h]][t]];
        }
      for (const z of zones) {
        if (t + 1 < data.joinYear[z]) continue;
        let bi = -1;
        let bc = Infinity;
        data.arcs[z].forEach((arc, i) => {
          if (room[arc.hub] < Q[z] * data.supplyFactor[z][t] - 1e-9) return;
          const c = milp.colCost[model.a[z][i][t]];
          if (c < bc) {
            bc = c;
            bi = i;
          }
        });
        if (bi < 0) return null;
        arcOf[t][z] = bi;
        room[data.arcs[z][bi].hub] -= Q[z] * data.supplyFactor[z][t];
        cost += bc;
      }
    }
    if (s.policy.budgetUsdPerYear !== undefined)
      for (let t = 0; t < T; t++) {
        let fixed = 0;
        for (const h of open) if (openFrom[h] <= t) fixed += s.hubSites[h].sizes[choice.size[h]].fixedCostUsdPerYear;
        if (fixed > s.policy.budgetUsdPerYear) return null;
      }
    return { openFrom: Int32Array.from(openFrom), arcOf, cost };
  };

  const from = new Int32Array(H);
  let best = evaluate(from);
  if (!best || T === 1) return best;
  const movable = open.filter((h) => s.hubSites[h].status === "candidate");
  let improved = true;
  while (improved && evaluations < maxEvaluations) {
    improved = false;
    for (const h of movable)
      for (const step of [1, -1]) {
        const was = from[h];
        if (was + step < 0 || was + step >= T) continue;
        from[h] = was + step;
        const c = evaluate(from);
        if (c && c.cost < best.cost - 1e-9 * Math.abs(best.cost)) {
          best = c;
          improved = true;
        } else from[h] = was;
      }
  }
  return best;
}
