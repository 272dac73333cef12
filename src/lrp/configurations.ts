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
