// A Lagrangian lower bound for the siting MILP and the hub fixings it proves. Relaxed: the
// `zone-served` rows (multipliers λ) and the `offtake` minimums and maximums (μ); dropped:
// enterprises, budget and CO2 cap. What is left splits by hub: open one size from some year on
// (hub-cover.ts), each year take the zones whose reduced cost is negative up to its capacity (a
// 0/1 knapsack), every tonne of material going to its cheapest offer at μ-adjusted prices or disposal.
import { type Scenario } from "../domain/index.js";
import { chooseCover, type CoverHub } from "./hub-cover.js";
import type { SitingModel } from "./siting-model.js";

export interface LagrangianResult {
  /** A valid lower bound on the model's optimum, USD (−Infinity when none was computed). */
  boundUsd: number;
  /** y columns proven to be 0 in every solution cheaper than the incumbent. */
  fixedToZero: number[];
  iterations: number;
}

export interface LagrangianOptions {
  /** Objective of a feasible solution, USD: the Polyak step target and the fixing threshold. */
  incumbentUsd: number;
  /** Subgradient iterations (the bound is deterministic for a given count). */
  iterations: number;
  /** Wall-clock instant (performance.now()) after which iterations stop early. */
  deadlineMs?: number;
  /** Polled every iteration; true stops the iterations (the bound so far stays valid). */
  shouldStop?: () => boolean;
}

interface Item {
  zone: number;
  col: number;
  weightT: number;
}
interface YearHub {
  hub: number;
  sizes: Array<{ col: number; fixedUsd: number; capT: number }>;
  items: Item[];
  forced: boolean;
}
interface Offer {
  lo: number;
  hi: number;
  /** Tonnes the row is divided by in the subgradient step. */
  scaleT: number;
}

/** A column's cost, or 0 for the −1 of a column that does not exist. */
const costOf = (cost: Float64Array, col: number): number => (col >= 0 ? cost[col] : 0);

/**
 * Subgradient optimisation of the Lagrangian dual, then y fixing by the bound with each size
 * forced open. Knapsacks are solved as LPs during the iterations and, with single sourcing,
 * exactly (dynamic programming on weights rounded down, still a relaxation) at the best multipliers.
 */
export function lagrangianBound(model: SitingModel, options: LagrangianOptions): LagrangianResult {
  const { data, milp } = model;
  const s: Scenario = data.scenario;
  const cost = milp.colCost;
  const T = data.years;
  const Z = s.zones.length;
  const S = s.streams.length;
  const M = s.materials.length;
  const Q = data.supplyT.map((r) => r.reduce((a, v) => a + v, 0));

  // Offtake rows dualised: one multiplier pair per (offer, year) with a minimum or a maximum.
  const offerIdx = s.offtakers.map((o) => o.accepts.map(() => new Int32Array(T).fill(-1)));
  const offers: Offer[] = [];
  s.offtakers.forEach((o, oi) =>
    o.accepts.forEach((b, j) => {
      const hi = b.maxTPerYear ?? Infinity;
      if (b.minTPerYear > 0 || hi < Infinity) for (let t = 0; t < T; t++) offerIdx[oi][j][t] = offers.push({ lo: b.minTPerYear, hi, scaleT: Math.max(1, b.minTPerYear, hi < Infinity ? hi : 0) }) - 1;
    }),
  );
  // outlets[t][h][m]: the flow columns (and their dualised offer) that carry material m away.
  const outlets = Array.from({ length: T }, () => s.hubSites.map(() => Array.from({ length: M }, () => [] as Array<{ col: number; offer: number }>)));
  for (const f of model.flows) outlets[f.year][f.hub][f.material].push({ col: f.col, offer: offerIdx[f.offtaker][f.offer][f.year] });

  const years = Array.from({ length: T }, (_, t) => {
    const hubs: YearHub[] = [];
    s.hubSites.forEach((h, hi) => {
      if (h.status === "forced-closed") return;
      hubs.push({
        hub: hi,
        sizes: h.sizes.map((k, ki) => ({ col: model.y[hi][ki][t], fixedUsd: cost[model.y[hi][ki][t]], capT: k.capacityTPerYear })),
        items: [],
        forced: h.status === "forced-open" || h.status === "existing",
      });
    });
    const byHub = new Map(hubs.map((yh) => [yh.hub, yh]));
    const zones: number[] = [];
    for (let z = 0; z < Z; z++) {
      if (t + 1 < data.joinYear[z] || Q[z] <= 0) continue;
      zones.push(z);
      data.arcs[z].forEach((arc, i) => byHub.get(arc.hub)?.items.push({ zone: z, col: model.a[z][i][t], weightT: Q[z] }));
    }
    return { hubs, zones, supplyT: zones.reduce((acc, z) => acc + Q[z], 0) };
  });
  const maxHubs = s.policy.maxHubs ?? Infinity;
  // Per tonne of stream s at hub h: the least processing cost the in-house and co-location columns allow.
  const procT = (h: number, si: number, t: number): number => {
    let v = 0;
    for (const row of [model.u[h][si], model.w[h][si]]) for (const cols of row) if (cols && cols[t] >= 0) v += Math.min(0, cost[cols[t]]);
    return v;
  };

  const lambda = new Float64Array(Z);
  const muLo = new Float64Array(offers.length);
  const muHi = new Float64Array(offers.length);
  /** Per year and hub: the value of each size open (Infinity: no such size) and how to read its subgradient. */
  interface HubValue {
    hub: number;
    forced: boolean;
    sizeUsd: number[];
    pick: (size: number, grad: { zone: Float64Array; offer: Float64Array }) => void;
    reduced: number[];
    items: Item[];
    sizes: YearHub["sizes"];
  }
  const hubValues = (exact: boolean): HubValue[][] =>
    years.map((y, t) =>
      y.hubs.map((yh) => {
        const h = yh.hub;
        // Material values per tonne at this hub (and where each tonne goes).
        const matUsd = new Float64Array(M);
        const matTo = new Int32Array(M).fill(-1);
        for (let m = 0; m < M; m++) {
          const d = model.d[h][m][t];
          let best = d >= 0 ? cost[d] : 0;
          for (const { col, offer } of outlets[t][h][m]) {
            const c = cost[col] + (offer >= 0 ? muHi[offer] - muLo[offer] : 0);
            if (c < best) {
              best = c;
              matTo[m] = offer;
            }
          }
          matUsd[m] = best;
        }
        const streamUsd = Float64Array.from({ length: S }, (_, si) => {
          let v = procT(h, si, t);
          for (let m = 0; m < M; m++) v += data.yieldT[si][m] * matUsd[m];
          return v;
        });
        const reduced = yh.items.map((it) => {
          let c = costOf(cost, it.col) - lambda[it.zone];
          for (let si = 0; si < S; si++) c += data.supplyT[it.zone][si] * streamUsd[si];
          return c;
        });
        const takes = yh.sizes.map((k) => (k.col < 0 ? null : exact ? knapsackExact(yh.items, reduced, k.capT) : knapsackLp(yh.items, reduced, k.capT)));
        const sizeUsd = yh.sizes.map((k, ki) => {
          const take = takes[ki];
          if (!take) return Infinity;
          let v = k.fixedUsd;
          for (let i = 0; i < take.length; i++) v += take[i] * reduced[i];
          return v;
        });
        const pick = (size: number, grad: { zone: Float64Array; offer: Float64Array }): void => {
          const take = takes[size]!;
          yh.items.forEach((it, i) => {
            const x = take[i];
            if (x === 0) return;
            grad.zone[it.zone] -= x;
            for (let m = 0; m < M; m++) {
              if (matTo[m] < 0) continue;
              let tons = 0;
              for (let si = 0; si < S; si++) tons += data.supplyT[it.zone][si] * data.yieldT[si][m];
              grad.offer[matTo[m]] += x * tons;
            }
          });
        };
        return { hub: h, forced: yh.forced, sizeUsd, pick, reduced, items: yh.items, sizes: yh.sizes };
      }),
    );

  /**
   * The Lagrangian value from hub values: forced hubs open, then the best others — every one that
   * pays, up to the most allowed, at least the fewest needed. `force` opens one more at a given size.
   */
  const select = (values: HubValue[][], grad?: { zone: Float64Array; offer: Float64Array }, force?: { t: number; hub: number; size: number }): number => {
    let total = milp.offset;
    for (let o = 0; o < offers.length; o++) total += muLo[o] * offers[o].lo - (offers[o].hi < Infinity ? muHi[o] * offers[o].hi : 0);
    if (grad) {
      grad.zone.fill(0);
      grad.offer.fill(0);
    }
    years.forEach((y) => {
      for (const z of y.zones) {
        total += lambda[z];
        if (grad) grad.zone[z] += 1;
      }
    });
    // A hub's ways to open: a size kept from a first year on; existing and forced sites from year 1.
    const sizeOf: number[][] = [];
    const hubs: CoverHub[] = values[0].map((v0, i) => {
      const options: CoverHub["options"] = [];
      const sizes: number[] = [];
      v0.sizes.forEach((size, k) => {
        for (let from = 0; from < T; from++) {
          if (v0.forced && from > 0) continue;
          if (force && force.hub === v0.hub && (k !== force.size || from > force.t)) continue;
          let usd = 0;
          for (let t = from; t < T; t++) usd += values[t][i].sizeUsd[k];
          options.push({ usd, capT: size.capT, from });
          sizes.push(k);
        }
      });
      sizeOf.push(sizes);
      return { options, forced: v0.forced || force?.hub === v0.hub };
    });
    const cover = chooseCover(hubs, years.map((y) => y.supplyT), maxHubs);
    total += cover.usd;
    if (grad && Number.isFinite(cover.usd))
      hubs.forEach((h, i) => {
        const o = cover.option[i];
        if (o >= 0) for (let t = h.options[o].from; t < T; t++) values[t][i].pick(sizeOf[i][o], grad);
      });
    return total;
  };

  // Start λ_z at the zone's cheapest cost of service (λ = 0 reduced cost) plus its share of a large hub's fixed cost.
  lambda.fill(Infinity);
  for (const yv of hubValues(false))
    for (const v of yv) {
      const big = v.sizes.reduce((a, k) => (k.capT > a.capT ? k : a), v.sizes[0]);
      v.items.forEach((it, i) => {
        lambda[it.zone] = Math.min(lambda[it.zone], v.reduced[i] + (big.fixedUsd * it.weightT) / big.capT);
      });
    }
  for (let z = 0; z < Z; z++) if (!Number.isFinite(lambda[z])) lambda[z] = 0;

  const grad = { zone: new Float64Array(Z), offer: new Float64Array(offers.length) };
  let best = -Infinity;
  const bestLambda = Float64Array.from(lambda);
  const bestLo = Float64Array.from(muLo);
  const bestHi = Float64Array.from(muHi);
  let theta = 2;
  let stall = 0;
  let iterations = 0;
  for (; iterations < options.iterations; iterations++) {
    if ((options.deadlineMs !== undefined && performance.now() > options.deadlineMs) || options.shouldStop?.()) break;
    const v = select(hubValues(false), grad);
    if (!Number.isFinite(v)) break;
    if (best === -Infinity || v > best + 1e-9 * Math.abs(best)) {
      best = v;
      bestLambda.set(lambda);
      bestLo.set(muLo);
      bestHi.set(muHi);
      stall = 0;
    } else if (++stall >= 20) {
      theta /= 2;
      stall = 0;
      if (theta < 1e-4) break;
    }
    // Offtake rows enter scaled by their size, so that their subgradients weigh like the zones'.
    let norm = 0;
    for (const g of grad.zone) norm += g * g;
    const gLo = new Float64Array(offers.length);
    const gHi = new Float64Array(offers.length);
    offers.forEach((o, i) => {
      const sold = grad.offer[i];
      gLo[i] = (o.lo - sold) / o.scaleT;
      gHi[i] = o.hi < Infinity ? (sold - o.hi) / o.scaleT : 0;
      if (muLo[i] > 0 || gLo[i] > 0) norm += gLo[i] * gLo[i];
      if (muHi[i] > 0 || gHi[i] > 0) norm += gHi[i] * gHi[i];
    });
    if (norm < 1e-12) break;
    const step = (theta * Math.max(options.incumbentUsd - v, 1e-6 * Math.abs(v))) / norm;
    for (let z = 0; z < Z; z++) lambda[z] += step * grad.zone[z];
    offers.forEach((o, i) => {
      muLo[i] = Math.max(0, muLo[i] + (step * gLo[i]) / o.scaleT);
      muHi[i] = Math.max(0, muHi[i] + (step * gHi[i]) / o.scaleT);
    });
  }
  lambda.set(bestLambda);
  muLo.set(bestLo);
  muHi.set(bestHi);
  // With split sourcing a zone may be shared, so only the LP knapsack is a relaxation.
  const exact = hubValues(s.policy.singleSourcing);
  const exactBound = Math.max(best, select(exact));
  const fixedToZero: number[] = [];
  const margin = 1e-7 * Math.max(1, Math.abs(options.incumbentUsd));
  if (Number.isFinite(exactBound))
    years.forEach((y, t) =>
      y.hubs.forEach((yh) =>
        yh.sizes.forEach((k, ki) => {
          if (k.col >= 0 && select(exact, undefined, { t, hub: yh.hub, size: ki }) > options.incumbentUsd + margin) fixedToZero.push(k.col);
        }),
      ),
    );
  return { boundUsd: exactBound, fixedToZero, iterations };
}

/** LP knapsack (Dantzig): the fraction of each item taken, items of negative cost by cost per tonne. */
function knapsackLp(items: Item[], reduced: number[], capT: number): Float64Array {
  const take = new Float64Array(items.length);
  const order = items.map((_, i) => i).filter((i) => reduced[i] < 0);
  order.sort((p, q) => reduced[p] / items[p].weightT - reduced[q] / items[q].weightT);
  let room = capT;
  for (const i of order) {
    if (room <= 0) break;
    const x = Math.min(1, room / items[i].weightT);
    take[i] = x;
    room -= x * items[i].weightT;
  }
  return take;
}

/** Most states a knapsack table may have; the weight unit grows to stay within it. */
const MAX_STATES = 10000;

/**
 * 0/1 knapsack by dynamic programming over weights rounded down to a unit (capacity rounded
 * down too): every set that fits the true capacity fits the rounded one, so its optimum bounds
 * the true one from below.
 */
function knapsackExact(items: Item[], reduced: number[], capT: number): Float64Array {
  const cand = items.map((_, i) => i).filter((i) => reduced[i] < 0);
  const take = new Float64Array(items.length);
  if (cand.length === 0) return take;
  const totalW = cand.reduce((a, i) => a + items[i].weightT, 0);
  if (totalW <= capT) {
    for (const i of cand) take[i] = 1;
    return take;
  }
  const unit = Math.max(capT / MAX_STATES, 1e-9);
  const C = Math.floor(capT / unit + 1e-9);
  const w = cand.map((i) => Math.floor(items[i].weightT / unit + 1e-9));
  const best = new Float64Array(C + 1);
  const chosen = new Uint8Array(cand.length * (C + 1));
  cand.forEach((i, n) => {
    const wn = w[n];
    const c = reduced[i];
    for (let cap = C; cap >= wn; cap--) {
      const alt = best[cap - wn] + c;
      if (alt < best[cap]) {
        best[cap] = alt;
        chosen[n * (C + 1) + cap] = 1;
      }
    }
  });
  let cap = C;
  for (let n = cand.length - 1; n >= 0; n--)
    if (chosen[n * (C + 1) + cap]) {
      take[cand[n]] = 1;
      cap -= w[n];
    }
  return take;
}
