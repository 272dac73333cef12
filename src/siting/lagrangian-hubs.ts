// The per-hub subproblems of the siting Lagrangian (lagrangian.ts) on flat arrays: the zones a
// hub may serve and the enterprises it may host, each with its column's cost; the multipliers
// (λ per zone, μ per offtake row, ν per enterprise and year, π per enterprise-throughput row),
// their starting values, subgradient steps, and each hub size's value at given multipliers.
import { PROCESS_STEPS, type ProcessStep } from "../domain/index.js";
import type { SitingModel } from "./siting-model.js";
import { type KnapsackBuffers, knapsackBuffers, knapsackExact, knapsackLpValue, knapsackOrder } from "./knapsack.js";

export interface Multipliers {
  lambda: Float64Array;
  muLo: Float64Array;
  muHi: Float64Array;
  /** nu[n * T + t] ≥ 0 */
  nu: Float64Array;
  /** pi[row] ≥ 0 */
  pi: Float64Array;
}

interface Step {
  /** Column cost of in-house processing per tonne (u), or NaN when the step cannot be in-house here. */
  usd: number;
  /** Throughput row of this step at this hub and year, −1 when none. */
  row: number;
  /** Cost per tonne of the co-location column with the next step (≤ 0), 0 when none. */
  pairUsd: number;
  /** The process step (index into PROCESS_STEPS). */
  p: number;
}

export interface HubYear {
  hub: number;
  forced: boolean;
  sizes: Array<{ col: number; fixedUsd: number; capT: number; floorM2: number }>;
  zone: Int32Array;
  baseUsd: Float64Array;
  weightT: Float64Array;
  /** supplyT[i * S + s]: tonnes of stream s of zone[i] (rows copied flat for the hot loop). */
  supplyT: Float64Array;
  ent: Int32Array;
  entUsd: Float64Array;
  entFloor: Float64Array;
  entThr: Float64Array;
  /** Most share of a hub's tonnes that can pass through the enterprise's step (over all zones). */
  entShare: Float64Array;
  entRow: Int32Array;
  /** steps[s]: the processing chain of stream s at this hub and year. */
  steps: Step[][];
  /** outlets[m]: flow columns for material m and their offer row (−1 none); disposal cost per tonne. */
  outlets: Array<Array<{ usd: number; offer: number }>>;
  disposalUsd: Float64Array;
}

export interface HubValue {
  hub: number;
  forced: boolean;
  sizes: HubYear["sizes"];
  /** Value of opening each size in this year (Infinity: no such column). */
  sizeUsd: number[];
  /** Adds the subgradient contribution of this hub open at `size` in this year. */
  pick(size: number, grad: Multipliers): void;
}

export interface Subproblems {
  years: HubYear[][];
  supplyT: number[];
  start(): Multipliers;
  zeros(): Multipliers;
  copy(m: Multipliers): Multipliers;
  assign(to: Multipliers, from: Multipliers): void;
  /** y += a x, component by component. */
  axpy(y: Multipliers, a: number, x: Multipliers): void;
  /** Σ λ over zones served + offtake terms − Σ ν. */
  constant(m: Multipliers): number;
  constantGradient(g: Multipliers): void;
  normSquared(m: Multipliers, g: Multipliers): number;
  step(m: Multipliers, g: Multipliers, size: number): void;
  arcPrices(m: Multipliers): Float64Array[];
  /** Internal: data the hub values read. */
  ctx: Ctx;
}

interface Ctx {
  T: number;
  S: number;
  M: number;
  supply: Float64Array[];
  yieldT: Float64Array[];
  offers: Array<{ lo: number; hi: number; scaleT: number }>;
  rowScaleT: Float64Array;
}

/** Flat subproblem data from the model's own columns (costs read from colCost). */
export function buildHubSubproblems(model: SitingModel): Subproblems {
  const { data, milp } = model;
  const s = data.scenario;
  const cost = milp.colCost;
  const T = data.years;
  const Z = s.zones.length;
  const S = s.streams.length;
  const M = s.materials.length;
  const N = s.enterprises.length;
  const Q = data.supplyT.map((r) => r.reduce((a, v) => a + v, 0));
  const colOf = (c: number | undefined): number => (c === undefined ? -1 : c);

  const offerIdx = s.offtakers.map((o) => o.accepts.map(() => new Int32Array(T).fill(-1)));
  const offers: Ctx["offers"] = [];
  s.offtakers.forEach((o, oi) =>
    o.accepts.forEach((b, j) => {
      const hi = b.maxTPerYear ?? Infinity;
      if (b.minTPerYear > 0 || hi < Infinity) for (let t = 0; t < T; t++) offerIdx[oi][j][t] = offers.push({ lo: b.minTPerYear, hi, scaleT: Math.max(1, b.minTPerYear, hi < Infinity ? hi : 0) }) - 1;
    }),
  );
  const outletsOf = Array.from({ length: T }, () => s.hubSites.map(() => Array.from({ length: M }, () => [] as Array<{ usd: number; offer: number }>)));
  for (const f of model.flows) outletsOf[f.year][f.hub][f.material].push({ usd: cost[f.col], offer: offerIdx[f.offtaker][f.offer][f.year] });

  // Throughput rows: one per hub, enterprise-run step and year with an in-house column.
  const rowKey = new Map<string, number>();
  const rowScale: number[] = [];
  const stepThr = new Map<number, number[]>();
  s.enterprises.forEach((n) => {
    const p = stepIndex(n.processStep);
    stepThr.set(p, [...(stepThr.get(p) ?? []), n.throughputTPerYear]);
  });
  const rowOf = (h: number, p: number, t: number): number => {
    if (!data.enterpriseSteps.has(p)) return -1;
    const key = `${h},${p},${t}`;
    let r = rowKey.get(key);
    if (r === undefined) {
      const thr = stepThr.get(p) ?? [1];
      r = rowScale.push(Math.max(1, thr.reduce((a, v) => a + v, 0) / thr.length)) - 1;
      rowKey.set(key, r);
    }
    return r;
  };

  // stepShare[p]: the largest share of any zone's tonnes that goes through step p, so a hub's
  // tonnes through p never exceed that share of its capacity.
  const stepShare = PROCESS_STEPS.map((_, p) =>
    Math.max(0, ...data.supplyT.map((row, z) => (Q[z] > 0 ? row.reduce((a, v, si) => a + (data.streamSteps[si].includes(p) ? v : 0), 0) / Q[z] : 0))),
  );
  const supplyT = new Array<number>(T).fill(0);
  const years: HubYear[][] = Array.from({ length: T }, (_, t) => {
    const out: HubYear[] = [];
    const byHub = new Map<number, { zone: number[]; base: number[]; w: number[] }>();
    s.hubSites.forEach((h, hi) => {
      if (h.status === "forced-closed") return;
      byHub.set(hi, { zone: [], base: [], w: [] });
    });
    for (let z = 0; z < Z; z++) {
      if (t + 1 < data.joinYear[z] || Q[z] <= 0) continue;
      supplyT[t] += Q[z];
      data.arcs[z].forEach((arc, i) => {
        const b = byHub.get(arc.hub);
        const col = model.a[z][i][t];
        if (!b || col < 0) return;
        b.zone.push(z);
        b.base.push(cost[col]);
        b.w.push(Q[z]);
      });
    }
    s.hubSites.forEach((h, hi) => {
      const b = byHub.get(hi);
      if (!b) return;
      const ents: number[] = [];
      for (let n = 0; n < N; n++) if (colOf(model.e[n]?.[hi]?.[t]) >= 0) ents.push(n);
      const steps = data.streamSteps.map((chain, si) =>
        chain.map((p, i) => {
          const u = colOf(model.u[hi]?.[si]?.[i]?.[t]);
          const w = colOf(model.w[hi]?.[si]?.[i]?.[t]);
          return { usd: u >= 0 ? cost[u] : NaN, row: u >= 0 ? rowOf(hi, p, t) : -1, pairUsd: w >= 0 ? Math.min(0, cost[w]) : 0, p };
        }),
      );
      out.push({
        hub: hi,
        forced: h.status === "forced-open" || h.status === "existing",
        sizes: h.sizes.map((k, ki) => ({ col: model.y[hi][ki][t], fixedUsd: cost[model.y[hi][ki][t]], capT: k.capacityTPerYear, floorM2: k.floorSpaceM2 })),
        zone: Int32Array.from(b.zone),
        baseUsd: Float64Array.from(b.base),
        weightT: Float64Array.from(b.w),
        supplyT: flatRows(b.zone, data.supplyT, S),
        ent: Int32Array.from(ents),
        entUsd: Float64Array.from(ents, (n) => cost[model.e[n][hi][t]]),
        entFloor: Float64Array.from(ents, (n) => s.enterprises[n].floorSpaceM2),
        entThr: Float64Array.from(ents, (n) => s.enterprises[n].throughputTPerYear),
        entShare: Float64Array.from(ents, (n) => stepShare[stepIndex(s.enterprises[n].processStep)]),
        entRow: Int32Array.from(ents, (n) => rowOf(hi, stepIndex(s.enterprises[n].processStep), t)),
        steps,
        outlets: outletsOf[t][hi],
        disposalUsd: Float64Array.from({ length: M }, (_, m) => (model.d[hi][m][t] >= 0 ? cost[model.d[hi][m][t]] : 0)),
      });
    });
    return out;
  });

  const ctx: Ctx = { T, S, M, supply: data.supplyT, yieldT: data.yieldT, offers, rowScaleT: Float64Array.from(rowScale) };
  const served: number[][] = Array.from({ length: T }, (_, t) => {
    const zs: number[] = [];
    for (let z = 0; z < Z; z++) if (t + 1 >= data.joinYear[z] && Q[z] > 0) zs.push(z);
    return zs;
  });
  const zeros = (): Multipliers => ({
    lambda: new Float64Array(Z),
    muLo: new Float64Array(offers.length),
    muHi: new Float64Array(offers.length),
    nu: new Float64Array(N * T),
    pi: new Float64Array(rowScale.length),
  });
  const copy = (m: Multipliers): Multipliers => ({ lambda: m.lambda.slice(), muLo: m.muLo.slice(), muHi: m.muHi.slice(), nu: m.nu.slice(), pi: m.pi.slice() });
  const sub: Subproblems = {
    years,
    supplyT,
    ctx,
    zeros,
    copy,
    assign(to, from) {
      to.lambda.set(from.lambda);
      to.muLo.set(from.muLo);
      to.muHi.set(from.muHi);
      to.nu.set(from.nu);
      to.pi.set(from.pi);
    },
    axpy(y, a, x) {
      for (const key of ["lambda", "muLo", "muHi", "nu", "pi"] as const) {
        const yk = y[key];
        const xk = x[key];
        for (let i = 0; i < yk.length; i++) yk[i] += a * xk[i];
      }
    },
    start() {
      const m = zeros();
      // π: the in-house saving of the step where the enterprises cannot take all its tonnes
      // (else 0), and ν: what each enterprise saves at that price. With these the relaxation
      // prices every tonne as bought outside and credits each enterprise its full throughput.
      for (const [key, r] of rowKey) {
        const [h, p, t] = key.split(",").map(Number);
        const thr = (stepThr.get(p) ?? []).reduce((a, v) => a + v, 0);
        const through = data.streamSteps.reduce((acc, chain, si) => acc + (chain.includes(p) ? data.supplyT.reduce((x, row) => x + row[si], 0) : 0), 0);
        if (thr < through) m.pi[r] = stepSaving(years[t], h, p);
      }
      years.forEach((hubs, t) =>
        hubs.forEach((h) => {
          for (let i = 0; i < h.ent.length; i++) {
            const k = h.ent[i] * T + t;
            if (h.entRow[i] >= 0) m.nu[k] = Math.max(m.nu[k], m.pi[h.entRow[i]] * Math.min(h.entThr[i], h.entShare[i] * Math.max(...h.sizes.map((z) => z.capT))));
          }
        }),
      );
      m.lambda.fill(Infinity);
      years.forEach((hubs, t) =>
        hubs.forEach((h) => {
          const v = hubPrices(ctx, h, m);
          const big = h.sizes.reduce((a, k) => (k.capT > a.capT ? k : a), h.sizes[0]);
          for (let i = 0; i < h.zone.length; i++) {
            const z = h.zone[i];
            const r = itemUsd(ctx, h, i, v.streamUsd, 0) + (big.fixedUsd * h.weightT[i]) / big.capT;
            if (r < m.lambda[z]) m.lambda[z] = r;
          }
        }),
      );
      for (let z = 0; z < Z; z++) if (!Number.isFinite(m.lambda[z])) m.lambda[z] = 0;
      return m;
    },
    constant(m) {
      let total = milp.offset;
      offers.forEach((o, i) => (total += m.muLo[i] * o.lo - (o.hi < Infinity ? m.muHi[i] * o.hi : 0)));
      for (const zs of served) for (const z of zs) total += m.lambda[z];
      for (let i = 0; i < m.nu.length; i++) total -= m.nu[i];
      return total;
    },
    constantGradient(g) {
      g.lambda.fill(0);
      g.muLo.fill(0);
      g.muHi.fill(0);
      g.pi.fill(0);
      g.nu.fill(-1);
      for (const zs of served) for (const z of zs) g.lambda[z] += 1;
      offers.forEach((o, i) => {
        g.muLo[i] = o.lo;
        g.muHi[i] = o.hi < Infinity ? -o.hi : 0;
      });
    },
    normSquared(m, g) {
      let norm = 0;
      for (const v of g.lambda) norm += v * v;
      offers.forEach((o, i) => {
        const lo = g.muLo[i] / o.scaleT;
        const hi = g.muHi[i] / o.scaleT;
        if (m.muLo[i] > 0 || lo > 0) norm += lo * lo;
        if (o.hi < Infinity && (m.muHi[i] > 0 || hi > 0)) norm += hi * hi;
      });
      for (let i = 0; i < g.nu.length; i++) if (m.nu[i] > 0 || g.nu[i] > 0) norm += g.nu[i] * g.nu[i];
      for (let r = 0; r < g.pi.length; r++) {
        const v = g.pi[r] / ctx.rowScaleT[r];
        if (m.pi[r] > 0 || v > 0) norm += v * v;
      }
      return norm;
    },
    step(m, g, size) {
      for (let z = 0; z < Z; z++) m.lambda[z] += size * g.lambda[z];
      offers.forEach((o, i) => {
        m.muLo[i] = Math.max(0, m.muLo[i] + (size * g.muLo[i]) / (o.scaleT * o.scaleT));
        m.muHi[i] = o.hi < Infinity ? Math.max(0, m.muHi[i] + (size * g.muHi[i]) / (o.scaleT * o.scaleT)) : 0;
      });
      for (let i = 0; i < m.nu.length; i++) m.nu[i] = Math.max(0, m.nu[i] + size * g.nu[i]);
      for (let r = 0; r < m.pi.length; r++) m.pi[r] = Math.max(0, m.pi[r] + (size * g.pi[r]) / (ctx.rowScaleT[r] * ctx.rowScaleT[r]));
    },
    arcPrices(m) {
      const t = T - 1;
      const out = data.arcs.map((arcs) => new Float64Array(arcs.length).fill(Infinity));
      const byHub = new Map(years[t].map((h) => [h.hub, h]));
      const prices = new Map(years[t].map((h) => [h.hub, hubPrices(ctx, h, m).streamUsd]));
      data.arcs.forEach((arcs, z) =>
        arcs.forEach((arc, i) => {
          const col = model.a[z][i][t];
          const h = byHub.get(arc.hub);
          if (col < 0 || !h) return;
          let v = cost[col];
          const su = prices.get(arc.hub)!;
          for (let si = 0; si < S; si++) v += data.supplyT[z][si] * su[si];
          out[z][i] = v;
        }),
      );
      return out;
    },
  };
  return sub;
}

/** rows[z] for each z of `zones`, one after the other (S values each). */
function flatRows(zones: number[], rows: ArrayLike<number>[], S: number): Float64Array {
  const out = new Float64Array(zones.length * S);
  zones.forEach((z, i) => {
    for (let si = 0; si < S; si++) out[i * S + si] = rows[z][si];
  });
  return out;
}

/** In-house saving per tonne of step p at hub h (0 when it is not cheaper there). */
function stepSaving(hubs: HubYear[], h: number, p: number): number {
  let best = 0;
  for (const y of hubs)
    if (y.hub === h) for (const chain of y.steps) for (const st of chain) if (st.row >= 0 && st.p === p && -st.usd > best) best = -st.usd;
  return best;
}

/** Per-tonne values at a hub: each material's best outlet, each stream's processing chain and material. */
function hubPrices(ctx: Ctx, h: HubYear, m: Multipliers): { streamUsd: Float64Array; matTo: Int32Array; inHouse: Uint8Array[] } {
  const matUsd = new Float64Array(ctx.M);
  const matTo = new Int32Array(ctx.M).fill(-1);
  for (let mi = 0; mi < ctx.M; mi++) {
    let best = h.disposalUsd[mi];
    for (const o of h.outlets[mi]) {
      const c = o.usd + (o.offer >= 0 ? m.muHi[o.offer] - m.muLo[o.offer] : 0);
      if (c < best) {
        best = c;
        matTo[mi] = o.offer;
      }
    }
    matUsd[mi] = best;
  }
  const streamUsd = new Float64Array(ctx.S);
  const inHouse: Uint8Array[] = [];
  for (let si = 0; si < ctx.S; si++) {
    const chain = h.steps[si];
    const mask = new Uint8Array(chain.length);
    const v = processChain(chain, m.pi, mask);
    let mat = 0;
    for (let mi = 0; mi < ctx.M; mi++) mat += ctx.yieldT[si][mi] * matUsd[mi];
    streamUsd[si] = v + mat;
    inHouse.push(mask);
  }
  return { streamUsd, matTo, inHouse };
}

/**
 * Least cost per tonne of a stream's steps done in-house (u at the load) or outside (u = 0), with
 * the co-location saving for two consecutive steps in-house: a shortest path over the chain,
 * exact for the per-tonne LP (its constraint matrix is totally unimodular). `mask` gets the choice.
 */
function processChain(chain: Step[], pi: Float64Array, mask: Uint8Array): number {
  const n = chain.length;
  if (n === 0) return 0;
  // out[i], inn[i]: best cost of steps 0..i with step i outside / in-house; from[i]: predecessor in-house?
  const out = new Float64Array(n);
  const inn = new Float64Array(n);
  const fromOut = new Uint8Array(n);
  const fromIn = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const st = chain[i];
    const c = Number.isNaN(st.usd) ? Infinity : st.usd + (st.row >= 0 ? pi[st.row] : 0);
    if (i === 0) {
      out[0] = 0;
      inn[0] = c;
      continue;
    }
    const pair = chain[i - 1].pairUsd;
    fromOut[i] = inn[i - 1] < out[i - 1] ? 1 : 0;
    out[i] = Math.min(out[i - 1], inn[i - 1]);
    const viaIn = inn[i - 1] + pair;
    fromIn[i] = viaIn < out[i - 1] ? 1 : 0;
    inn[i] = c + Math.min(out[i - 1], viaIn);
  }
  let state = inn[n - 1] < out[n - 1] ? 1 : 0;
  const v = Math.min(inn[n - 1], out[n - 1]);
  for (let i = n - 1; i >= 0; i--) {
    mask[i] = state;
    if (i > 0) state = state ? fromIn[i] : fromOut[i];
  }
  return v;
}

/** Reduced cost of item i (zone on this hub) at stream prices, less λ. */
function itemUsd(ctx: Ctx, h: HubYear, i: number, streamUsd: Float64Array, lambda: number): number {
  const S = ctx.S;
  const row = h.supplyT;
  let c = h.baseUsd[i] - lambda;
  for (let si = 0, o = i * S; si < S; si++, o++) c += row[o] * streamUsd[si];
  return c;
}

/** Buffers a hub's values reuse from one subgradient iteration to the next (they live until its pick). */
interface Scratch {
  red: Float64Array;
  zones: KnapsackBuffers;
  ents: Array<{ thr: Float64Array; red: Float64Array; order: KnapsackBuffers }>;
}
const scratchOf = new WeakMap<HubYear, Scratch>();

function scratch(h: HubYear): Scratch {
  let sc = scratchOf.get(h);
  if (!sc) {
    const ne = h.ent.length;
    sc = {
      red: new Float64Array(h.zone.length),
      zones: knapsackBuffers(h.zone.length),
      ents: h.sizes.map(() => ({ thr: new Float64Array(ne), red: new Float64Array(ne), order: knapsackBuffers(ne) })),
    };
    scratchOf.set(h, sc);
  }
  return sc;
}

/** The value of each size of hub `h` in year `t` at multipliers `m`, and how to read its subgradient. */
export function hubValue(sub: Subproblems, h: HubYear, t: number, m: Multipliers, exact: boolean): HubValue {
  const ctx = sub.ctx;
  const { streamUsd, matTo, inHouse } = hubPrices(ctx, h, m);
  const nz = h.zone.length;
  // While iterating (LP knapsacks) the buffers are the hub's own, reused each iteration.
  const sc = exact ? null : scratch(h);
  const red = sc ? sc.red : new Float64Array(nz);
  for (let i = 0; i < nz; i++) red[i] = itemUsd(ctx, h, i, streamUsd, m.lambda[h.zone[i]]);
  const ne = h.ent.length;
  // Per size: an enterprise's useful throughput is capped by what the size can send through its
  // step (the dualised row is Σ u ≤ Σ min(θ, share × capacity) e, valid for a hub of that size).
  const ents = h.sizes.map((k, ki) => {
    const thr = sc ? sc.ents[ki].thr : new Float64Array(ne);
    const red = sc ? sc.ents[ki].red : new Float64Array(ne);
    for (let i = 0; i < ne; i++) {
      thr[i] = Math.min(h.entThr[i], h.entShare[i] * k.capT);
      red[i] = h.entUsd[i] + m.nu[h.ent[i] * ctx.T + t] - (h.entRow[i] >= 0 ? m.pi[h.entRow[i]] * thr[i] : 0);
    }
    return { thr, red, order: knapsackOrder(red, h.entFloor, ne, k.floorM2, sc?.ents[ki].order) };
  });
  const zoneOrder = knapsackOrder(red, h.weightT, nz, Math.max(...h.sizes.map((k) => k.capT)), sc?.zones);
  const takes: Array<{ zones: Float64Array; ents: Float64Array } | null> = [];
  const sizeUsd = h.sizes.map((k, ki) => {
    if (k.col < 0) {
      takes.push(null);
      return Infinity;
    }
    const e = ents[ki];
    if (exact) {
      const zones = new Float64Array(nz);
      const taken = new Float64Array(ne);
      const v = k.fixedUsd + knapsackExact(red, h.weightT, zoneOrder, k.capT, zones) + knapsackExact(e.red, h.entFloor, e.order, k.floorM2, taken);
      takes.push({ zones, ents: taken });
      return v;
    }
    takes.push(null);
    return k.fixedUsd + knapsackLpValue(red, h.weightT, zoneOrder, k.capT) + knapsackLpValue(e.red, h.entFloor, e.order, k.floorM2);
  });
  const pick = (size: number, g: Multipliers): void => {
    const k = h.sizes[size];
    const e = ents[size];
    let take = takes[size];
    if (!take) {
      take = { zones: new Float64Array(nz), ents: new Float64Array(ne) };
      knapsackLpValue(red, h.weightT, zoneOrder, k.capT, take.zones);
      knapsackLpValue(e.red, h.entFloor, e.order, k.floorM2, take.ents);
    }
    const load = new Float64Array(ctx.S);
    for (const i of zoneOrder.idx) {
      const x = take.zones[i];
      if (x === 0) continue;
      g.lambda[h.zone[i]] -= x;
      const row = ctx.supply[h.zone[i]];
      for (let si = 0; si < ctx.S; si++) load[si] += x * row[si];
    }
    for (let si = 0; si < ctx.S; si++) {
      if (load[si] === 0) continue;
      h.steps[si].forEach((st, i) => {
        if (inHouse[si][i] && st.row >= 0) g.pi[st.row] += load[si];
      });
      for (let mi = 0; mi < ctx.M; mi++)
        if (matTo[mi] >= 0) {
          const sold = load[si] * ctx.yieldT[si][mi];
          g.muLo[matTo[mi]] -= sold;
          g.muHi[matTo[mi]] += sold;
        }
    }
    for (const i of e.order.idx) {
      const x = take.ents[i];
      if (x === 0) continue;
      g.nu[h.ent[i] * ctx.T + t] += x;
      if (h.entRow[i] >= 0) g.pi[h.entRow[i]] -= x * e.thr[i];
    }
  };
  return { hub: h.hub, forced: h.forced, sizes: h.sizes, sizeUsd, pick };
}

function stepIndex(p: ProcessStep): number {
  return PROCESS_STEPS.indexOf(p);
}
