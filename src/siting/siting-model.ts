// The hub-siting MILP (docs/siting-model.md): zones → hubs (size levels, coverage, single or
// split sourcing) → offtakers by material and mode, with enterprise co-location, disposal,
// CO2 price and cap, budget, maximum hubs, and years 1..T. Built solver-agnostic; the maps
// below let decoding and the checker read a solution back by meaning.
import { PROCESS_STEPS } from "../domain/index.js";
import { addChannels, type ChannelColumns } from "./channel-model.js";
import { MilpBuilder, type MilpModel, type Term } from "./milp/model.js";
import { addRegional, type RegionalColumns } from "./regional-model.js";
import { offerPrice, type SitingData } from "./siting-data.js";

/** Constraint groups that diagnosis may drop to find the one that makes a scenario infeasible. */
export type RelaxGroup = "capacity" | "budget" | "maxHubs" | "offtakeMinimum" | "co2Cap" | "forcedOpen" | "validCuts" | "disposalLimit";

export interface SitingModel {
  milp: MilpModel;
  data: SitingData;
  /** y[h][k][t]: hub h open at size k in year t (column, or -1 for a closed site). */
  y: number[][][];
  /** a[z][i][t]: share of zone z sent along its arc i in year t (-1 before it joins). */
  a: number[][][];
  /** e[n][h][t]: enterprise n placed at hub h in year t (-1 where it cannot be). */
  e: number[][][];
  /** u[h][s][i][t]: tonnes of stream s through its i-th step in-house at hub h (-1: not hosted). */
  u: number[][][][];
  /** w[h][s][i][t]: tonnes going through steps i and i+1 of stream s both in-house at h (-1: none). */
  w: number[][][][];
  /** flows: one column per hub, offer, route and year. */
  flows: Array<{ col: number; hub: number; offtaker: number; offer: number; material: number; route: number; year: number }>;
  /** d[h][m][t]: tonnes of material m disposed of at hub h in year t (-1: never produced there). */
  d: number[][][];
  /** Channel options and drop-off points, when the scenario defines channels. */
  channels?: ChannelColumns;
  /** Regional centres, shipments to them, their sales and disposal, when the scenario has them. */
  regional?: RegionalColumns;
}

/** Builds the siting MILP; `relax` drops whole constraint groups (used by diagnosis). */
export function buildSitingModel(data: SitingData, relax: ReadonlySet<RelaxGroup> = new Set()): SitingModel {
  const s = data.scenario;
  const { hubSites: H, zones: Z, streams: S, materials: M, offtakers: O, enterprises: N, policy } = s;
  const T = data.years;
  const b = new MilpBuilder();
  const co2Usd = policy.co2PriceUsdPerT / 1000; // USD per kg CO2
  const co2Terms: Term[][] = Array.from({ length: T }, () => []);
  // Only the CO2 cap reads co2Terms; the process steps' terms (one per zone arc, stream and step:
  // millions on a 2,000-zone model) are collected only when there is a cap.
  const co2Cap = relax.has("co2Cap") ? undefined : policy.co2CapTPerYear;
  const co2Capped = co2Cap !== undefined;
  const stepF = (p: number) => s.processing?.steps[STEP_NAMES[p]];

  const y = H.map((h, hi) =>
    h.status === "forced-closed"
      ? []
      : h.sizes.map((k, ki) => range(T).map((t) => b.addBinary(`y[${h.id},${k.id},${t + 1}]`, k.fixedCostUsdPerYear))),
  );
  const openTerms = (hi: number, t: number, coef = (_k: number) => 1): Term[] =>
    (y[hi] ?? []).map((col, k) => [col[t], coef(k)] as const);

  H.forEach((h, hi) => {
    if (h.status === "forced-closed") return;
    for (let t = 0; t < T; t++) b.addRow(`one-size[${h.id},${t + 1}]`, openTerms(hi, t), 0, 1);
    // Open at size k, next year open at k — or, with expansion allowed, at any larger size.
    const keeps = (ki: number): number[] =>
      h.sizes.flatMap((k, kj) => (kj === ki || (policy.allowExpansion && k.capacityTPerYear > h.sizes[ki].capacityTPerYear) ? [kj] : []));
    for (let t = 0; t + 1 < T; t++)
      h.sizes.forEach((k, ki) =>
        b.addRow(`stays-open[${h.id},${k.id},${t + 1}]`, [[y[hi][ki][t], 1], ...keeps(ki).map((kj) => [y[hi][kj][t + 1], -1] as const)], -Infinity, 0),
      );
    if ((h.status === "forced-open" || h.status === "existing") && !relax.has("forcedOpen"))
      b.addRow(`forced-open[${h.id}]`, openTerms(hi, 0), 1, 1);
  });
  for (let t = 0; t < T; t++) {
    if (policy.maxHubs !== undefined && !relax.has("maxHubs"))
      b.addRow(`max-hubs[${t + 1}]`, H.flatMap((_, hi) => openTerms(hi, t)), 0, policy.maxHubs);
    if (policy.budgetUsdPerYear !== undefined && !relax.has("budget"))
      b.addRow(`budget[${t + 1}]`, H.flatMap((h, hi) => openTerms(hi, t, (k) => h.sizes[k].fixedCostUsdPerYear)), -Infinity, policy.budgetUsdPerYear);
  }

  // Zone assignment; load[h][s][t] collects the tonnes of stream s arriving at hub h. With
  // channels, a only says which hub a zone's material goes to: the channel options chosen
  // (channel-model.ts) carry its tonnes and costs, and a zone may be offered none.
  const load: Term[][][][] = H.map(() => S.map(() => range(T).map(() => [] as Term[])));
  const byChannels = data.channels !== undefined;
  const a = Z.map((z, zi) => {
    const total = data.supplyT[zi].reduce((p, v) => p + v, 0);
    return data.arcs[zi].map((arc, ai) =>
      range(T).map((t) => {
        if (t + 1 < data.joinYear[zi]) return -1;
        const hub = H[arc.hub];
        const f = data.supplyFactor[zi][t];
        const cost = byChannels ? 0 : f * total * (arc.costUsdPerT + hub.variableCostUsdPerT + arc.co2KgPerT * co2Usd);
        const col = b.addCol(`a[${z.id},${hub.id},${t + 1}]`, cost, 0, 1, policy.singleSourcing || byChannels);
        if (!byChannels) {
          co2Terms[t].push([col, f * total * arc.co2KgPerT]);
          S.forEach((_, si) => load[arc.hub][si][t].push([col, f * data.supplyT[zi][si]]));
        }
        b.addRow(`assigned-to-open[${z.id},${hub.id},${t + 1}]`, [...openTerms(arc.hub, t), [col, -1]], 0, Infinity);
        return col;
      }),
    );
  });
  Z.forEach((z, zi) => {
    for (let t = 0; t < T; t++) {
      if (t + 1 < data.joinYear[zi] || data.supplyT[zi].every((v) => v === 0)) continue;
      b.addRow(`zone-served[${z.id},${t + 1}]`, a[zi].map((cols) => [cols[t], 1] as const), byChannels ? 0 : 1, 1);
    }
  });
  const channels = byChannels ? addChannels(b, data, a, load, co2Terms, co2Usd, relax.has("budget")) : undefined;
  if (!relax.has("capacity"))
    H.forEach((h, hi) => {
      if (h.status === "forced-closed") return;
      for (let t = 0; t < T; t++)
        b.addRow(`capacity[${h.id},${t + 1}]`, [...load[hi].flatMap((l) => l[t]), ...openTerms(hi, t, (k) => -h.sizes[k].capacityTPerYear)], -Infinity, 0);
    });

  // Valid inequality (implied by capacity over the integers, not by the LP): at least as many
  // hubs as it takes the largest sites to hold the year's supply. It lifts the LP bound.
  // With channels the supply is a decision, so these cuts (which assume all of it) do not hold.
  if (!relax.has("capacity") && !relax.has("validCuts") && !byChannels) {
    const caps = H.filter((h) => h.status !== "forced-closed")
      .map((h) => Math.max(...h.sizes.map((k) => k.capacityTPerYear)))
      .sort((p, q) => q - p);
    for (let t = 0; t < T; t++) {
      const supply = Z.reduce((acc, _, zi) => acc + (t + 1 >= data.joinYear[zi] ? data.supplyFactor[zi][t] * data.supplyT[zi].reduce((x, v) => x + v, 0) : 0), 0);
      let need = 0;
      for (let held = 0; held < supply * (1 - 1e-9) && need < caps.length; need++) held += caps[need];
      if (need >= 2) b.addRow(`min-hubs[${t + 1}]`, H.flatMap((_, hi) => openTerms(hi, t)), need, Infinity);
      // Likewise the least fixed cost of any set of sizes that holds the supply.
      const least = leastFixedCost(H.filter((h) => h.status !== "forced-closed").map((h) => h.sizes), supply);
      if (least > 0)
        b.addRow(`min-fixed-cost[${t + 1}]`, H.flatMap((h, hi) => openTerms(hi, t, (k) => h.sizes[k].fixedCostUsdPerYear)), least * (1 - 1e-9), Infinity);
    }
  }

  // Enterprises: at most one open hub hosting their step, within its floor space.
  const e = N.map((n, ni) =>
    H.map((h, hi) =>
      range(T).map((t) => {
        const hosts = h.status !== "forced-closed" && h.processSteps.includes(n.processStep) && h.sizes.some((k) => k.floorSpaceM2 >= n.floorSpaceM2);
        return hosts ? b.addBinary(`e[${n.id},${h.id},${t + 1}]`, 0) : -1;
      }),
    ),
  );
  N.forEach((n, ni) => {
    for (let t = 0; t < T; t++) {
      const at = H.map((_, hi) => e[ni][hi][t]).filter((c) => c >= 0);
      if (at.length > 1) b.addRow(`one-hub[${n.id},${t + 1}]`, at.map((c) => [c, 1] as const), 0, 1);
      H.forEach((h, hi) => {
        const col = e[ni][hi][t];
        if (col < 0) return;
        b.addRow(`hosted-at-open[${n.id},${h.id},${t + 1}]`, [...openTerms(hi, t), [col, -1]], 0, Infinity);
        if (t + 1 < T) b.addRow(`stays-placed[${n.id},${h.id},${t + 1}]`, [[col, 1], [e[ni][hi][t + 1], -1]], -Infinity, 0);
      });
    }
  });
  H.forEach((h, hi) => {
    for (let t = 0; t < T; t++) {
      const placed = N.map((n, ni) => [e[ni][hi][t], n.floorSpaceM2] as const).filter(([c]) => c >= 0);
      if (placed.length > 0)
        b.addRow(`floor-space[${h.id},${t + 1}]`, [...placed, ...openTerms(hi, t, (k) => -h.sizes[k].floorSpaceM2)], -Infinity, 0);
    }
  });

  // Process steps: every tonne goes through its stream's steps; in-house where the site hosts the
  // step (limited by placed enterprises for enterprise-run steps), otherwise bought outside.
  const saving = s.processing?.colocationSavingUsdPerT ?? 0;
  const u: number[][][][] = H.map(() => S.map(() => []));
  const w: number[][][][] = H.map(() => S.map(() => []));
  H.forEach((h, hi) => {
    if (h.status === "forced-closed") return;
    S.forEach((st, si) => {
      data.streamSteps[si].forEach((p, i) => {
        const f = stepF(p);
        const cIn = f?.inHouseCostUsdPerT ?? 0;
        const cOut = f?.outsourceCostUsdPerT ?? 0;
        const co2 = f?.co2KgPerT ?? 0;
        for (let t = 0; t < T; t++)
          for (const [col, tons] of load[hi][si][t]) {
            b.addCost(col, tons * (cOut + co2 * co2Usd));
            if (co2Capped) co2Terms[t].push([col, tons * co2]);
          }
        const hosted = h.processSteps.includes(STEP_NAMES[p]);
        u[hi][si][i] = range(T).map((t) => {
          if (!hosted || load[hi][si][t].length === 0) return -1;
          const col = b.addCol(`u[${h.id},${st.id},${STEP_NAMES[p]},${t + 1}]`, cIn - cOut, 0, Infinity);
          b.addRow(`in-house-le-load[${h.id},${st.id},${STEP_NAMES[p]},${t + 1}]`, [[col, 1], ...load[hi][si][t].map(([c, v]) => [c, -v] as const)], -Infinity, 0);
          return col;
        });
      });
      if (saving > 0)
        data.streamSteps[si].slice(0, -1).forEach((p, i) => {
          w[hi][si][i] = range(T).map((t) => {
            const u1 = u[hi][si][i][t];
            const u2 = u[hi][si][i + 1][t];
            if (u1 < 0 || u2 < 0) return -1;
            const col = b.addCol(`w[${h.id},${st.id},${STEP_NAMES[p]},${t + 1}]`, -saving, 0, Infinity);
            b.addRow(`colocated-le-first[${h.id},${st.id},${STEP_NAMES[p]},${t + 1}]`, [[col, 1], [u1, -1]], -Infinity, 0);
            b.addRow(`colocated-le-next[${h.id},${st.id},${STEP_NAMES[p]},${t + 1}]`, [[col, 1], [u2, -1]], -Infinity, 0);
            return col;
          });
        });
    });
    for (const p of data.enterpriseSteps)
      for (let t = 0; t < T; t++) {
        const inHouse: Term[] = [];
        S.forEach((_, si) => data.streamSteps[si].forEach((q, i) => q === p && u[hi][si][i][t] >= 0 && inHouse.push([u[hi][si][i][t], 1])));
        if (inHouse.length === 0) continue;
        const capTerms = N.map((n, ni) => [e[ni][hi][t], -n.throughputTPerYear] as const).filter(
          ([c], ni) => c >= 0 && N[ni].processStep === STEP_NAMES[p],
        );
        b.addRow(`enterprise-throughput[${h.id},${STEP_NAMES[p]},${t + 1}]`, [...inHouse, ...capTerms], -Infinity, 0);
      }
  });

  // Materials out: sold to offtakers by route, or disposed of.
  const flows: SitingModel["flows"] = [];
  const sold: Term[][][][] = O.map((o) => o.accepts.map(() => range(T).map(() => [] as Term[])));
  const d = H.map((h, hi) =>
    M.map((m, mi) =>
      range(T).map((t) => {
        const made: Term[] = [];
        S.forEach((_, si) => {
          const yl = data.yieldT[si][mi];
          if (yl > 0) for (const [c, v] of load[hi][si][t]) made.push([c, -v * yl]);
        });
        if (made.length === 0) return -1;
        const out: Term[] = [];
        O.forEach((o, oi) =>
          o.accepts.forEach((offer, j) => {
            if (offer.material !== m.id) return;
            data.routes[hi][oi].forEach((r, ri) => {
              const col = b.addCol(`f[${h.id},${o.id},${m.id},${r.mode},${t + 1}]`, r.costUsdPerT + r.co2KgPerT * co2Usd - offerPrice(offer, t + 1), 0, Infinity);
              co2Terms[t].push([col, r.co2KgPerT]);
              flows.push({ col, hub: hi, offtaker: oi, offer: j, material: mi, route: ri, year: t });
              sold[oi][j][t].push([col, 1]);
              out.push([col, 1]);
            });
          }),
        );
        const dc = b.addCol(`d[${h.id},${m.id},${t + 1}]`, policy.disposalCostUsdPerT, 0, Infinity);
        b.addRow(`material-balance[${h.id},${m.id},${t + 1}]`, [...out, [dc, 1], ...made], 0, 0);
        return dc;
      }),
    ),
  );
  const regional = data.regional ? addRegional(b, data, load, co2Terms, co2Usd, sold) : undefined;
  O.forEach((o, oi) =>
    o.accepts.forEach((offer, j) => {
      for (let t = 0; t < T; t++) {
        const lo = relax.has("offtakeMinimum") ? 0 : offer.minTPerYear;
        const hi = offer.maxTPerYear ?? Infinity;
        if (lo > 0 || hi < Infinity) b.addRow(`offtake[${o.id},${offer.material},${t + 1}]`, sold[oi][j][t], lo, hi);
      }
    }),
  );
  if (policy.disposalLimitTPerYear !== undefined && !relax.has("disposalLimit"))
    for (let t = 0; t < T; t++)
      b.addRow(`disposal-limit[${t + 1}]`, [...d, ...(regional?.d ?? [])].flatMap((mats) => mats.flatMap((cols) => (cols[t] >= 0 ? [[cols[t], 1] as const] : []))), -Infinity, policy.disposalLimitTPerYear);
  if (co2Cap !== undefined) for (let t = 0; t < T; t++) b.addRow(`co2-cap[${t + 1}]`, co2Terms[t], -Infinity, co2Cap * 1000);

  return { milp: b.build(), data, y, a, e, u, w, flows, d, ...(channels ? { channels } : {}), ...(regional ? { regional } : {}) };
}

const STEP_NAMES = PROCESS_STEPS;

/**
 * Least Σ fixed cost of one size or none per site whose capacities hold `supplyT`: a
 * multiple-choice covering knapsack by dynamic programming in units of the capacities' gcd.
 * Returns 0 (no cut) when capacities are not whole tonnes or the table would be too large.
 */
function leastFixedCost(sites: Array<Array<{ capacityTPerYear: number; fixedCostUsdPerYear: number }>>, supplyT: number): number {
  const all = sites.flat();
  if (supplyT <= 0 || all.some((k) => !Number.isInteger(k.capacityTPerYear))) return 0;
  let unit = 0;
  for (const k of all) {
    let [a, c] = [unit, k.capacityTPerYear];
    while (c) [a, c] = [c, a % c];
    unit = a;
  }
  const states = Math.ceil(supplyT / unit - 1e-9);
  if (states * all.length > 2e7) return 0;
  let best = new Float64Array(states + 1).fill(Infinity);
  best[0] = 0;
  for (const sizes of sites) {
    const next = Float64Array.from(best);
    for (const k of sizes) {
      const w = k.capacityTPerYear / unit;
      for (let c = 0; c <= states; c++) {
        const from = Math.max(0, c - w);
        const alt = best[from] + k.fixedCostUsdPerYear;
        if (alt < next[c]) next[c] = alt;
      }
    }
    best = next;
  }
  return Number.isFinite(best[states]) ? best[states] : 0;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
