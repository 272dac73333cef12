// Depot configurations: which depots a routing search may use. Neighbours of a configuration
// open, close or swap one depot (keeping enough capacity); a solution is carried over to a new
// configuration by re-inserting the customers of closed depots and those nearer a new one.
import type { LrpData } from "./data.js";
import type { Rng } from "./random.js";
import { insertionOrder, recreate } from "./recreate.js";
import type { LrpState } from "./state.js";

/** A configuration as a sorted list of depot indices; its key is the list joined. */
export type DepotSet = number[];

export function configKey(set: DepotSet): string {
  return set.join(",");
}

function capacityOf(data: LrpData, set: DepotSet): number {
  return set.reduce((a, d) => a + data.depotCapacity[d], 0);
}

/** Configurations one open, close or swap away from `open` that can hold the demand. */
export function neighbourConfigs(data: LrpData, open: DepotSet): DepotSet[] {
  const out: DepotSet[] = [];
  const isOpen = new Set(open);
  const closed = Array.from({ length: data.m }, (_, d) => d).filter((d) => !isOpen.has(d));
  const fits = (s: DepotSet): boolean => s.length > 0 && capacityOf(data, s) >= data.totalDemand;
  for (const d of open) {
    const s = open.filter((x) => x !== d);
    if (fits(s)) out.push(s);
  }
  for (const e of closed) out.push([...open, e].sort((a, b) => a - b));
  for (const d of open)
    for (const e of closed) {
      const s = [...open.filter((x) => x !== d), e].sort((a, b) => a - b);
      if (fits(s)) out.push(s);
    }
  return out;
}

/** A copy of `from` restricted to the depots of `set`, customers re-inserted where needed. */
export function carryOver(from: LrpState, set: DepotSet, rng: Rng): LrpState {
  const st = from.clone();
  const data = st.data;
  const C = data.cost;
  const S = data.size;
  st.allowed.fill(0);
  for (const d of set) st.allowed[d] = 1;
  const moved: number[] = [];
  for (let c = data.m; c < data.size; c++) {
    const r = st.routeOf[c];
    const d = st.depotOf[r];
    if (!st.allowed[d]) {
      moved.push(c);
      continue;
    }
    for (const e of set)
      if (st.depotRoutes[e] === 0 && C[e * S + c] + C[c * S + e] < C[d * S + c] + C[c * S + d]) {
        moved.push(c);
        break;
      }
  }
  st.removeCustomers(moved);
  recreate(st, insertionOrder(st, moved, rng), rng, 0);
  return st;
}

/** A configuration ranked by the facility-location estimate, with its customers' depots. */
export interface EstimatedConfig {
  set: DepotSet;
  estimate: number;
  /** Depot of each customer node (-1 for depot nodes). */
  depotOf: Int32Array;
}

/** Radial cost of serving customer node c from depot d: its demand's share of a round trip. */
function radial(data: LrpData, d: number, c: number): number {
  return (2 * data.cost[d * data.size + c] * data.demand[c]) / data.vehicleCapacity;
}

/** Opening costs plus a greedy single-source assignment by regret at radial costs; Infinity when a customer does not fit. */
function estimate(data: LrpData, set: DepotSet): EstimatedConfig {
  const left = set.map((d) => data.depotCapacity[d]);
  const depotOf = new Int32Array(data.size).fill(-1);
  const order = Array.from({ length: data.n }, (_, c) => data.m + c).map((c) => {
    const costs = set.map((d) => radial(data, d, c)).sort((a, b) => a - b);
    return { c, regret: (costs[1] ?? costs[0]) - costs[0] };
  });
  order.sort((a, b) => b.regret - a.regret || a.c - b.c);
  let total = set.reduce((a, d) => a + data.openingCost[d], 0);
  for (const { c } of order) {
    let best = -1;
    for (let k = 0; k < set.length; k++)
      if (left[k] >= data.demand[c] && (best < 0 || radial(data, set[k], c) < radial(data, set[best], c))) best = k;
    if (best < 0) return { set, estimate: Infinity, depotOf };
    left[best] -= data.demand[c];
    depotOf[c] = set[best];
    total += radial(data, set[best], c);
  }
  return { set, estimate: total, depotOf };
}

/**
 * The `limit` best configurations by the facility-location estimate: every subset of depots
 * that can hold the demand when there are at most 12 depots, else subsets grown greedily.
 */
export function rankConfigs(data: LrpData, limit: number): EstimatedConfig[] {
  const out: EstimatedConfig[] = [];
  const fits = (s: DepotSet): boolean => capacityOf(data, s) >= data.totalDemand;
  if (data.m <= 12) {
    for (let mask = 1; mask < 1 << data.m; mask++) {
      const set = Array.from({ length: data.m }, (_, d) => d).filter((d) => mask & (1 << d));
      if (fits(set)) out.push(estimate(data, set));
    }
  } else {
    let set: DepotSet = [];
    const byCost = Array.from({ length: data.m }, (_, d) => d).sort((a, b) => data.openingCost[a] / Math.max(1, data.depotCapacity[a]) - data.openingCost[b] / Math.max(1, data.depotCapacity[b]));
    for (const d of byCost) {
      set = [...set, d].sort((a, b) => a - b);
      if (fits(set)) out.push(estimate(data, set));
    }
    for (const s of out.slice()) for (const t of neighbourConfigs(data, s.set)) out.push(estimate(data, t));
  }
  return out.filter((e) => Number.isFinite(e.estimate)).sort((a, b) => a.estimate - b.estimate).slice(0, limit);
}
