// A MIP start for large siting models: greedy construction and local search (close, open,
// swap) over which hubs open, with zones assigned greedily to the cheapest open hub that has
// room and each hub downsized to the smallest size that holds its load. Costs are read from the
// model's own columns (fixed cost of y, assignment cost of a in the last year); enterprises,
// processing and flows are completed afterwards by a solve with hubs and assignments fixed.
import type { MilpModel } from "./milp/model.js";
import type { PhasedChoice } from "./phase-in.js";
import type { SitingModel } from "./siting-model.js";

export interface HubChoice {
  /** size[h]: chosen size index, −1 when closed. */
  size: Int32Array;
  /** arcOf[z]: index into data.arcs[z] of the zone's hub, −1 for a zone without supply. */
  arcOf: Int32Array;
  cost: number;
}

export interface ChooseOptions {
  /** Most choices evaluated by the local search. */
  maxEvaluations?: number;
  /** arcUsd[z][i]: cost of zone z on its arc i (default: the a column's cost in the last year). */
  arcUsd?: Float64Array[];
  /** size[h] ≥ 0: hubs to start the local search from (default: greedy construction). */
  open?: Int32Array;
}

/** Greedy + local search over open hubs; null when no feasible choice was found. */
export function chooseHubs(model: SitingModel, options: ChooseOptions = {}): HubChoice | null {
  const { data, milp } = model;
  const s = data.scenario;
  const H = s.hubSites.length;
  const last = data.years - 1;
  const maxEvaluations = options.maxEvaluations ?? 20000;
  // Sized for each zone's peak year (supply series), so the chosen hubs hold every year.
  const Q = data.supplyT.map((row, z) => row.reduce((a, v) => a + v, 0) * Math.max(...data.supplyFactor[z]));
  const zones = Q.map((_, z) => z).filter((z) => Q[z] > 0).sort((a, b) => Q[b] - Q[a]);
  const largest = s.hubSites.map((h) => h.sizes.reduce((bi, k, i) => (k.capacityTPerYear > h.sizes[bi].capacityTPerYear ? i : bi), 0));
  const fixedCost = (h: number, k: number): number => milp.colCost[model.y[h][k][last]];
  const arcCost = (z: number, i: number): number => options.arcUsd?.[z][i] ?? milp.colCost[model.a[z][i][last]];
  // Each zone's arcs cheapest first: an evaluation walks them to the first open hub with room.
  const sortedArcs = data.arcs.map((arcs, z) =>
    Int32Array.from(
      arcs.map((_, i) => i).filter((i) => Number.isFinite(arcCost(z, i))),
    ).sort((p, q) => arcCost(z, p) - arcCost(z, q) || p - q),
  );
  // The same walk on flat arrays: each zone's hubs and arc costs in that order.
  const sortedHub = sortedArcs.map((idx, z) => Int32Array.from(idx, (i) => data.arcs[z][i].hub));
  const sortedUsd = sortedArcs.map((idx, z) => Float64Array.from(idx, (i) => arcCost(z, i)));
  const forced = s.hubSites.map((h) => h.status === "forced-open" || h.status === "existing");
  const closed = s.hubSites.map((h) => h.status === "forced-closed");
  let evaluations = 0;

  const evaluate = (open: Uint8Array): HubChoice | null => {
    evaluations++;
    const room = new Float64Array(H);
    for (let h = 0; h < H; h++) if (open[h]) room[h] = s.hubSites[h].sizes[largest[h]].capacityTPerYear;
    const arcOf = new Int32Array(Q.length).fill(-1);
    const load = new Float64Array(H);
    let cost = 0;
    for (const z of zones) {
      const hubs = sortedHub[z];
      const q = Q[z];
      let j = 0;
      while (j < hubs.length && !(open[hubs[j]] && room[hubs[j]] >= q - 1e-9)) j++;
      if (j === hubs.length) return null;
      arcOf[z] = sortedArcs[z][j];
      const h = hubs[j];
      room[h] -= q;
      load[h] += q;
      cost += sortedUsd[z][j];
    }
    const size = new Int32Array(H).fill(-1);
    let fixed = 0;
    for (let h = 0; h < H; h++) {
      if (!open[h]) continue;
      let bk = -1;
      s.hubSites[h].sizes.forEach((k, ki) => {
        if (k.capacityTPerYear >= load[h] - 1e-9 && (bk < 0 || fixedCost(h, ki) < fixedCost(h, bk))) bk = ki;
      });
      size[h] = bk;
      fixed += fixedCost(h, bk);
    }
    const n = open.reduce((a, v) => a + v, 0);
    if (s.policy.maxHubs !== undefined && n > s.policy.maxHubs) return null;
    if (s.policy.budgetUsdPerYear !== undefined && fixed > s.policy.budgetUsdPerYear) return null;
    return { size, arcOf, cost: cost + fixed };
  };

  if (options.open) {
    const open = Uint8Array.from(options.open, (k, h) => (k >= 0 || forced[h] ? 1 : 0));
    const start = evaluate(open);
    if (start) return localSearch(open, start);
  }
  // Construction: open sites by best cost per tonne of capacity until every zone fits.
  const open = Uint8Array.from(forced, (f) => (f ? 1 : 0));
  let best = evaluate(open);
  const order = [...Array(H).keys()]
    .filter((h) => !closed[h] && !forced[h])
    .sort((a, b) => fixedCost(a, largest[a]) / s.hubSites[a].sizes[largest[a]].capacityTPerYear - fixedCost(b, largest[b]) / s.hubSites[b].sizes[largest[b]].capacityTPerYear);
  for (const h of order) {
    if (best) break;
    open[h] = 1;
    best = evaluate(open);
  }
  if (!best) {
    for (const h of order) open[h] = 1;
    best = evaluate(open);
    if (!best) return null;
  }
  return localSearch(open, best);

  /** First improvement over close, open and swap moves from `open` (changed in place). */
  function localSearch(open: Uint8Array, from: HubChoice): HubChoice {
    let best = from;
    let improved = true;
    while (improved && evaluations < maxEvaluations) {
      improved = false;
      const free = [...Array(H).keys()].filter((h) => !closed[h] && !forced[h]);
      const tryMove = (flip: number[]): boolean => {
        for (const h of flip) open[h] ^= 1;
        const c = evaluate(open);
        if (c && c.cost < best!.cost - 1e-6 * Math.abs(best!.cost)) {
          best = c;
          return true;
        }
        for (const h of flip) open[h] ^= 1;
        return false;
      };
      for (const h of free) if (tryMove([h])) improved = true;
      if (improved) continue;
      outer: for (const h of free) {
        if (!open[h]) continue;
        for (const g of free) {
          if (open[g] || evaluations >= maxEvaluations) continue;
          if (tryMove([h, g])) {
            improved = true;
            break outer;
          }
        }
      }
    }
    return best;
  }
}

/**
 * The model with every y and a column fixed to `choice`: hubs open from year 1, or from the
 * years of `phased`, with its assignments per year; with `freeSizes`, the sizes of the open hubs
 * are left to the solve.
 */
export function fixToChoice(model: SitingModel, choice: HubChoice, phased?: PhasedChoice, freeSizes = false): MilpModel {
  const lo = Float64Array.from(model.milp.colLower);
  const hi = Float64Array.from(model.milp.colUpper);
  const fix = (c: number, v: number): void => {
    if (c < 0) return;
    lo[c] = v;
    hi[c] = v;
  };
  const from = (h: number): number => (phased ? phased.openFrom[h] : 0);
  // With free sizes an open hub may take any size that holds its zones: a larger one has room
  // for more enterprises, which the completion weighs against its fixed cost.
  model.y.forEach((sizes, h) =>
    sizes.forEach((cols, k) =>
      cols.forEach((c, t) => {
        if (freeSizes && choice.size[h] >= 0 && t >= from(h)) return;
        fix(c, choice.size[h] === k && t >= from(h) ? 1 : 0);
      }),
    ),
  );
  model.a.forEach((arcs, z) => arcs.forEach((cols, i) => cols.forEach((c, t) => fix(c, (phased ? phased.arcOf[t][z] : choice.arcOf[z]) === i ? 1 : 0))));
  return { ...model.milp, colLower: lo, colUpper: hi };
}

/** The model with the given columns fixed at 0. */
export function fixColumns(model: MilpModel, zero: readonly number[]): MilpModel {
  const lo = Float64Array.from(model.colLower);
  const hi = Float64Array.from(model.colUpper);
  for (const c of zero) {
    lo[c] = 0;
    hi[c] = 0;
  }
  return { ...model, colLower: lo, colUpper: hi };
}
