// A Lagrangian lower bound for the siting MILP and the hub fixings it proves. Relaxed with
// multipliers: `zone-served` (λ), the `offtake` minimums and maximums (μ), each enterprise's
// `one-hub` (ν) and the `enterprise-throughput` rows (π); dropped: budget, CO2 cap, disposal
// limit, `stays-placed`. What is left splits by hub (lagrangian-hubs.ts): open one size from some
// year on (hub-cover.ts); each year take the zones of negative reduced cost up to its capacity
// and the enterprises of negative reduced cost up to its floor space (two 0/1 knapsacks), every
// tonne processed in-house or outside at π-adjusted prices and its material sold at μ-adjusted
// prices or disposed of.
import { chooseCover, type CoverHub } from "./hub-cover.js";
import { buildHubSubproblems, type Multipliers, type HubValue, hubValue, type Subproblems } from "./lagrangian-hubs.js";
import type { SitingModel } from "./siting-model.js";

export interface LagrangianResult {
  /** A valid lower bound on the model's optimum, USD (−Infinity when none was computed). */
  boundUsd: number;
  /** y columns proven to be 0 in every solution cheaper than the incumbent. */
  fixedToZero: number[];
  iterations: number;
  /** What the relaxation says at its best multipliers, for primal heuristics. */
  hints: LagrangianHints;
  /** The same at the last multipliers (LP knapsacks): another hub set for a second try. */
  lastHints: LagrangianHints;
}

export interface LagrangianHints {
  /** size[h] open in the relaxation's best solution (last year), −1 closed. */
  size: Int32Array;
  /**
   * arcUsd[z][i]: the priced cost of sending zone z along its arc i in the last year: the
   * column's cost plus its streams processed and its material sold at the multipliers' prices.
   */
  arcUsd: Float64Array[];
}

export interface LagrangianOptions {
  /** Objective of a feasible solution, USD: the Polyak step target and the fixing threshold. */
  incumbentUsd: number;
  /** Subgradient iterations (the bound is deterministic for a given count). */
  iterations: number;
  /** Instant on `now`'s clock after which iterations stop early. */
  deadlineMs?: number;
  /** The clock of `deadlineMs`, ms (default performance.now). */
  now?: () => number;
  /** Polled every iteration; true stops the iterations (the bound so far stays valid). */
  shouldStop?: () => boolean;
  /**
   * Deflection α of the subgradient (Camerini–Fratta–Maffioli): each step follows g + α × the
   * last direction, which damps the zigzag between the many zone multipliers (default 0: none).
   */
  deflection?: number;
  /** Iterations without a better bound after which the step factor halves (default 20). */
  stallIterations?: number;
  /**
   * Most states of the hub cover's table while iterating (hub-cover.ts; default its own 20,000):
   * fewer make iterations quicker at a slightly looser bound. The final bound uses the default.
   */
  iterationCoverStates?: number;
  /** Look for hub sizes the bound rules out (default true; one hub-cover table per size and hub). */
  fixings?: boolean;
}

/**
 * Subgradient optimisation of the Lagrangian dual, then y fixing by the bound with each size
 * forced open. Knapsacks are solved as LPs during the iterations and, with single sourcing,
 * exactly (dynamic programming on weights rounded down, still a relaxation) at the best multipliers.
 */
export function lagrangianBound(model: SitingModel, options: LagrangianOptions): LagrangianResult {
  const sub = buildHubSubproblems(model);
  const mult = sub.start();
  const maxHubs = model.data.scenario.policy.maxHubs ?? Infinity;
  const T = model.data.years;

  /** L(multipliers) from hub values; `grad` receives the subgradient; `force` opens one hub at a size by a year. */
  const select = (values: HubValue[][], grad?: Multipliers, force?: { t: number; hub: number; size: number }): { usd: number; option: Int32Array; sizeOf: number[][] } => {
    let total = sub.constant(mult);
    if (grad) sub.constantGradient(grad);
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
    const cover = chooseCover(hubs, sub.supplyT, maxHubs, ...(grad && options.iterationCoverStates ? [options.iterationCoverStates] : []));
    total += cover.usd;
    if (grad && Number.isFinite(cover.usd))
      hubs.forEach((h, i) => {
        const o = cover.option[i];
        if (o >= 0) for (let t = h.options[o].from; t < T; t++) values[t][i].pick(sizeOf[i][o], grad);
      });
    return { usd: total, option: cover.option, sizeOf };
  };
  const values = (exact: boolean): HubValue[][] => sub.years.map((hubs, t) => hubs.map((h) => hubValue(sub, h, t, mult, exact)));

  const grad = sub.zeros();
  const deflection = options.deflection ?? 0;
  const dir = sub.zeros();
  let best = -Infinity;
  let bestMult = sub.copy(mult);
  let theta = 2;
  let stall = 0;
  let iterations = 0;
  for (; iterations < options.iterations; iterations++) {
    if ((options.deadlineMs !== undefined && (options.now ?? performance.now.bind(performance))() > options.deadlineMs) || options.shouldStop?.()) break;
    const v = select(values(false), grad).usd;
    if (!Number.isFinite(v)) break;
    if (best === -Infinity || v > best + 1e-9 * Math.abs(best)) {
      best = v;
      bestMult = sub.copy(mult);
      stall = 0;
    } else if (++stall >= (options.stallIterations ?? 20)) {
      theta /= 2;
      stall = 0;
      if (theta < 1e-4) break;
    }
    if (deflection > 0) {
      if (iterations > 0) sub.axpy(grad, deflection, dir);
      sub.assign(dir, grad);
    }
    const norm = sub.normSquared(mult, grad);
    if (norm < 1e-12) break;
    sub.step(mult, grad, (theta * Math.max(options.incumbentUsd - v, 1e-6 * Math.abs(v))) / norm);
  }
  const sizeOf = (values: HubValue[][], chosen: { option: Int32Array; sizeOf: number[][] }): Int32Array => {
    const size = new Int32Array(model.data.scenario.hubSites.length).fill(-1);
    values[0].forEach((v, i) => {
      const o = chosen.option[i];
      if (o >= 0) size[v.hub] = chosen.sizeOf[i][o];
    });
    return size;
  };
  const lastValues = values(false);
  const lastHints = { size: sizeOf(lastValues, select(lastValues)), arcUsd: sub.arcPrices(mult) };
  sub.assign(mult, bestMult);
  // With split sourcing a zone may be shared, so only the LP knapsack is a relaxation.
  const exact = values(model.data.scenario.policy.singleSourcing);
  const chosen = select(exact);
  const exactBound = Math.max(best, chosen.usd);
  const fixedToZero: number[] = [];
  const margin = 1e-7 * Math.max(1, Math.abs(options.incumbentUsd));
  if (Number.isFinite(exactBound) && (options.fixings ?? true))
    sub.years.forEach((hubs, t) =>
      hubs.forEach((yh) =>
        yh.sizes.forEach((k, ki) => {
          if (k.col >= 0 && select(exact, undefined, { t, hub: yh.hub, size: ki }).usd > options.incumbentUsd + margin) fixedToZero.push(k.col);
        }),
      ),
    );
  return { boundUsd: exactBound, fixedToZero, iterations, hints: { size: sizeOf(exact, chosen), arcUsd: sub.arcPrices(mult) }, lastHints };
}

export type { Subproblems };
