// Zones reassigned among a plan's open hubs by local search: shift a zone to a cheaper hub with
// room, or swap two zones between their hubs when both fit, until no move pays; then each hub
// takes its cheapest size that holds its load. Greedy assignment (warm-start.ts) packs zones into
// nearly full hubs largest first and pushes the last ones far away; on the 2,000-zone generated
// scenario (30 hubs of 520 t for 15,580 t) these moves are worth about 1.5% of the objective.
// A MILP over the same moves (HiGHS) did not improve the greedy plan within 15 s there.
import type { SitingModel } from "./siting-model.js";
import type { HubChoice } from "./warm-start.js";

export interface ReassignOptions {
  /** arcUsd[z][i]: cost of zone z on its arc i (default: its column's cost plus its material sold at the hub's best outlet). */
  arcUsd?: Float64Array[];
  /** Cheapest arcs to open hubs that a zone may move to. */
  arcsPerZone?: number;
  /** Most passes over the zones. */
  maxPasses?: number;
}

/**
 * `choice` with its zones moved among its open hubs (each held to its largest size) while a
 * shift or a swap lowers the arcs' cost; the hubs' sizes are then re-chosen. Never worse than
 * `choice` at these costs; `cost` is the arcs' cost plus the hubs' fixed costs. Single year only
 * (null otherwise).
 */
export function reassignZones(model: SitingModel, choice: HubChoice, options: ReassignOptions = {}): HubChoice | null {
  const { data } = model;
  if (data.years !== 1) return null;
  const s = data.scenario;
  const H = s.hubSites.length;
  const Z = data.arcs.length;
  const Q = data.supplyT.map((row) => row.reduce((a, v) => a + v, 0));
  const arcUsd = options.arcUsd ?? plainArcUsd(model);
  const k = options.arcsPerZone ?? 8;
  const open = (h: number): boolean => choice.size[h] >= 0;
  const room = new Float64Array(H);
  for (let h = 0; h < H; h++) if (open(h)) room[h] = Math.max(...s.hubSites[h].sizes.map((x) => x.capacityTPerYear));
  const arcOf = Int32Array.from(choice.arcOf);
  const hubOf = (z: number): number => data.arcs[z][arcOf[z]].hub;
  // members[h]: zones at hub h (order irrelevant; kept as arrays with swap-remove).
  const members: number[][] = Array.from({ length: H }, () => []);
  const slot = new Int32Array(Z);
  for (let z = 0; z < Z; z++) {
    if (arcOf[z] < 0) continue;
    const h = hubOf(z);
    room[h] -= Q[z];
    slot[z] = members[h].push(z) - 1;
  }
  // arcTo[z][h]: the zone's arc index to hub h (−1 none), for the swap's reverse leg.
  const arcTo = data.arcs.map((za) => {
    const m = new Int32Array(H).fill(-1);
    za.forEach((arc, i) => (m[arc.hub] = i));
    return m;
  });
  // Each zone's cheapest arcs to open hubs.
  const near = data.arcs.map((za, z) => {
    const idx = za.map((_, i) => i).filter((i) => open(za[i].hub) && Number.isFinite(arcUsd[z][i]));
    idx.sort((p, q) => arcUsd[z][p] - arcUsd[z][q] || p - q);
    return Int32Array.from(idx.slice(0, k));
  });
  const move = (z: number, i: number): void => {
    const from = hubOf(z);
    const last = members[from].pop()!;
    if (last !== z) {
      members[from][slot[z]] = last;
      slot[last] = slot[z];
    }
    room[from] += Q[z];
    arcOf[z] = i;
    const to = hubOf(z);
    room[to] -= Q[z];
    slot[z] = members[to].push(z) - 1;
  };
  const eps = 1e-9;
  const passes = options.maxPasses ?? 50;
  for (let pass = 0; pass < passes; pass++) {
    let improved = false;
    for (let z = 0; z < Z; z++) {
      if (arcOf[z] < 0) continue;
      const here = arcUsd[z][arcOf[z]];
      for (const i of near[z]) {
        const gain = here - arcUsd[z][i];
        if (gain <= eps * Math.max(1, Math.abs(here))) break; // sorted: no cheaper arc follows
        const to = data.arcs[z][i].hub;
        const from = hubOf(z);
        if (to === from) continue;
        if (room[to] >= Q[z] - 1e-9) {
          move(z, i);
          improved = true;
          break;
        }
        // Swap with a zone at `to` that fits back at `from` and leaves room for z.
        let best = -1;
        let bestGain = eps * Math.max(1, Math.abs(here));
        for (const w of members[to]) {
          const back = arcTo[w][from];
          if (back < 0 || !Number.isFinite(arcUsd[w][back])) continue;
          if (room[to] + Q[w] < Q[z] - 1e-9 || room[from] + Q[z] < Q[w] - 1e-9) continue;
          const g = gain + arcUsd[w][arcOf[w]] - arcUsd[w][back];
          if (g > bestGain) {
            bestGain = g;
            best = w;
          }
        }
        if (best >= 0) {
          const back = arcTo[best][from];
          move(z, i);
          move(best, back);
          improved = true;
          break;
        }
      }
    }
    if (!improved) break;
  }
  const moved = priced(model, arcOf, arcUsd, choice.size);
  const before = priced(model, choice.arcOf, arcUsd, choice.size);
  return moved && (!before || moved.cost < before.cost) ? moved : choice;
}

/**
 * Sizes for an assignment (the cheapest that holds each open hub's load; a hub left empty closes
 * unless it must open) and its cost: arcs plus fixed costs. Null when a hub's load fits no size or
 * the budget is exceeded.
 */
function priced(model: SitingModel, arcOf: Int32Array, arcUsd: Float64Array[], open: Int32Array): HubChoice | null {
  const { data, milp } = model;
  const s = data.scenario;
  const Q = data.supplyT.map((row) => row.reduce((a, v) => a + v, 0));
  const load = new Float64Array(s.hubSites.length);
  let cost = 0;
  arcOf.forEach((i, z) => {
    if (i < 0) return;
    load[data.arcs[z][i].hub] += Q[z];
    cost += arcUsd[z][i];
  });
  const size = new Int32Array(s.hubSites.length).fill(-1);
  let fixed = 0;
  for (let h = 0; h < s.hubSites.length; h++) {
    const site = s.hubSites[h];
    if (open[h] < 0 || (load[h] <= 0 && site.status !== "forced-open" && site.status !== "existing")) continue;
    const usd = (ki: number): number => milp.colCost[model.y[h][ki][0]];
    site.sizes.forEach((x, ki) => {
      if (x.capacityTPerYear >= load[h] - 1e-9 && (size[h] < 0 || usd(ki) < usd(size[h]))) size[h] = ki;
    });
    if (size[h] < 0) return null;
    fixed += usd(size[h]);
  }
  if (s.policy.budgetUsdPerYear !== undefined && fixed > s.policy.budgetUsdPerYear) return null;
  return { size, arcOf, cost: cost + fixed };
}

/**
 * Each arc's column cost plus the zone's materials sold at the hub's cheapest outlet (or
 * disposed of): hubs differ in their line haul to offtakers, which the column alone does not see.
 */
function plainArcUsd(model: SitingModel): Float64Array[] {
  const { data, milp } = model;
  const M = data.scenario.materials.length;
  const matUsd = model.d.map((mats) => Float64Array.from(mats, (cols) => (cols[0] >= 0 ? milp.colCost[cols[0]] : 0)));
  for (const f of model.flows) if (f.year === 0) matUsd[f.hub][f.material] = Math.min(matUsd[f.hub][f.material], milp.colCost[f.col]);
  return data.arcs.map((za, z) =>
    Float64Array.from(za, (arc, i) => {
      const col = model.a[z][i][0];
      if (col < 0) return Infinity;
      let v = milp.colCost[col];
      data.supplyT[z].forEach((q, si) => {
        for (let m = 0; m < M; m++) v += q * data.yieldT[si][m] * matUsd[arc.hub][m];
      });
      return v;
    }),
  );
}
