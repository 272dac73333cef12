// A decided single-year plan's cost, estimated from the model's own columns without a solve:
// each zone on its arc (the column plus its materials sold at the hub's best outlet), each open
// hub's fixed cost, and each hub's in-house processing at the enterprises placed there (every
// hosted step not run by enterprises in-house; an enterprise-run step up to the placed
// throughput, streams in a fixed order so that consecutive steps share tonnes and earn the
// co-location saving). The LP that completes the plan afterwards does at least as well.
import { PROCESS_STEPS } from "../domain/index.js";
import type { SitingModel } from "./siting-model.js";

/** A plan's decisions: hub sizes (−1 closed), each zone's arc (−1 no supply), each enterprise's hub (−1 unplaced). */
export interface PlanState {
  size: Int32Array;
  arcOf: Int32Array;
  hubOf: Int32Array;
}

export interface PlanCosts {
  H: number;
  S: number;
  /** Process steps (PROCESS_STEPS.length): the stride of enterprise throughput per hub. */
  P: number;
  /** Q[z]: the zone's tonnes. */
  Q: Float64Array;
  /** arcUsd[z][i]: zone z on its arc i, USD (Infinity: no column). */
  arcUsd: Float64Array[];
  /** arcTo[z][h]: the zone's arc index to hub h, −1 none. */
  arcTo: Int32Array[];
  /** Per hub and size: fixed cost USD, capacity t, floor space m². */
  sizes: Array<Array<{ usd: number; capT: number; floorM2: number }>>;
  /** Enterprise n: step, throughput t, floor m², and whether hub h may host it (hosts[n][h]). */
  ent: Array<{ p: number; thrT: number; floorM2: number; hosts: Uint8Array }>;
  /** In-house cost (≤ 0 when it saves) of hub h with stream loads `load[h*S..]` and enterprise throughput `cap[h*P..]`. */
  inHouseUsd(h: number, load: Float64Array, cap: Float64Array): number;
}

/**
 * The cost tables of `model`'s first year. `arcUsd` defaults to each arc's column cost plus its
 * materials at the hub's cheapest outlet (or disposal).
 */
export function planCosts(model: SitingModel, arcUsd?: Float64Array[]): PlanCosts {
  const { data, milp } = model;
  const s = data.scenario;
  const H = s.hubSites.length;
  const S = s.streams.length;
  const P = PROCESS_STEPS.length;
  const cost = milp.colCost;
  const Q = Float64Array.from(data.supplyT, (row) => row.reduce((a, v) => a + v, 0));
  // steps[h][s]: the chain's steps at hub h: step, in-house USD/t (NaN: not in-house here),
  // co-location USD/t with the next step (0 none), and whether enterprises run it.
  const steps = s.hubSites.map((_, h) =>
    s.streams.map((_, si) => {
      const chain = data.streamSteps[si];
      return {
        p: Int32Array.from(chain),
        usd: Float64Array.from(chain, (_, i) => {
          const c = model.u[h]?.[si]?.[i]?.[0] ?? -1;
          return c >= 0 ? cost[c] : NaN;
        }),
        pair: Float64Array.from(chain, (_, i) => {
          const c = model.w[h]?.[si]?.[i]?.[0] ?? -1;
          return c >= 0 ? cost[c] : 0;
        }),
        byEnt: Uint8Array.from(chain, (p) => (data.enterpriseSteps.has(p) ? 1 : 0)),
      };
    }),
  );
  const rem = new Float64Array(P);
  const x = new Float64Array(Math.max(1, ...data.streamSteps.map((c) => c.length)));
  const inHouseUsd = (h: number, load: Float64Array, cap: Float64Array): number => {
    for (let p = 0; p < P; p++) rem[p] = cap[h * P + p];
    let usd = 0;
    for (let si = 0; si < S; si++) {
      const st = steps[h][si];
      const l = load[h * S + si];
      for (let i = 0; i < st.p.length; i++) {
        const c = st.usd[i];
        let v = 0;
        if (l > 0 && c === c) {
          if (st.byEnt[i]) {
            v = Math.min(l, rem[st.p[i]]);
            rem[st.p[i]] -= v;
          } else if (c < 0) v = l;
        }
        x[i] = v;
        usd += c === c ? c * v : 0;
        if (i > 0) usd += st.pair[i - 1] * Math.min(x[i - 1], v);
      }
    }
    return usd;
  };
  const matUsd = model.d.map((mats) => Float64Array.from(mats, (cols) => (cols[0] >= 0 ? cost[cols[0]] : 0)));
  for (const f of model.flows) if (f.year === 0) matUsd[f.hub][f.material] = Math.min(matUsd[f.hub][f.material], cost[f.col]);
  const M = s.materials.length;
  return {
    H,
    S,
    P,
    Q,
    arcUsd:
      arcUsd ??
      data.arcs.map((za, z) =>
        Float64Array.from(za, (arc, i) => {
          const col = model.a[z][i][0];
          if (col < 0) return Infinity;
          let v = cost[col];
          data.supplyT[z].forEach((q, si) => {
            for (let m = 0; m < M; m++) v += q * data.yieldT[si][m] * matUsd[arc.hub][m];
          });
          return v;
        }),
      ),
    arcTo: data.arcs.map((za) => {
      const m = new Int32Array(H).fill(-1);
      za.forEach((arc, i) => (m[arc.hub] = i));
      return m;
    }),
    sizes: s.hubSites.map((site, h) => site.sizes.map((k, ki) => ({ usd: model.y[h]?.[ki] ? cost[model.y[h][ki][0]] : Infinity, capT: k.capacityTPerYear, floorM2: k.floorSpaceM2 }))),
    ent: s.enterprises.map((n, ni) => ({
      p: PROCESS_STEPS.indexOf(n.processStep),
      thrT: n.throughputTPerYear,
      floorM2: n.floorSpaceM2,
      hosts: Uint8Array.from(s.hubSites, (_, h) => ((model.e[ni][h]?.[0] ?? -1) >= 0 ? 1 : 0)),
    })),
    inHouseUsd,
  };
}

/** The decisions of a solution `x` of the model (first year): hub sizes, zone arcs and enterprise hubs. */
export function planOf(model: SitingModel, x: Float64Array): PlanState {
  const on = (c: number | undefined): boolean => c !== undefined && c >= 0 && x[c] > 0.5;
  return {
    size: Int32Array.from(model.y, (sizes) => sizes.findIndex((cols) => on(cols[0]))),
    arcOf: Int32Array.from(model.a, (arcs) => arcs.findIndex((cols) => on(cols[0]))),
    hubOf: Int32Array.from(model.e, (hubs) => hubs.findIndex((cols) => on(cols[0]))),
  };
}
