// Recreate step of ruin-and-recreate: unrouted customers inserted one by one where they cost
// least (routes within vehicle capacity or over it at a penalty, or a new route at an allowed
// depot; depot excess penalised), skipping each position with a small probability (SISR's "blinks").
import type { Rng } from "./random.js";
import type { LrpState } from "./state.js";

const BLINK = 0.01;

/**
 * Inserts `customers` (unrouted nodes) into `st` in the given order; with `penalised`, a route
 * may go over the vehicle capacity at the state's penalty per unit.
 */
export function recreate(st: LrpState, customers: number[], rng: Rng, blink = BLINK, penalised = false): void {
  const data = st.data;
  const C = data.cost;
  const S = data.size;
  const Q = data.vehicleCapacity;
  const exD = (d: number, l: number): number => Math.max(0, l - data.depotCapacity[d]);
  for (const c of customers) {
    const q = data.demand[c];
    let best = Infinity;
    let bestR = -1;
    let bestK = 0;
    for (let r = 0; r < st.routes.length; r++) {
      const l = st.load[r];
      if (l + q > Q && !penalised) continue;
      const d = st.depotOf[r];
      const pen = st.penD * (exD(d, st.depotLoad[d] + q) - exD(d, st.depotLoad[d])) + (l + q > Q ? st.penV * (l + q - Math.max(l, Q)) : 0);
      if (pen >= best) continue;
      const seq = st.routes[r];
      let a = d;
      for (let k = 0; k <= seq.length; k++) {
        const b = k < seq.length ? seq[k] : d;
        const delta = C[a * S + c] + C[c * S + b] - C[a * S + b] + pen;
        if (delta < best && (blink === 0 || rng.next() >= blink)) {
          best = delta;
          bestR = r;
          bestK = k;
        }
        a = b;
      }
    }
    let bestD = -1;
    for (let d = 0; d < data.m; d++) {
      if (!st.allowed[d] && st.depotRoutes[d] === 0) continue;
      const delta =
        data.routeCost + C[d * S + c] + C[c * S + d] + (st.depotRoutes[d] === 0 ? data.openingCost[d] : 0) + st.penD * (exD(d, st.depotLoad[d] + q) - exD(d, st.depotLoad[d]));
      if (delta < best) {
        best = delta;
        bestD = d;
      }
    }
    if (bestD >= 0) st.addRoute(bestD, [c]);
    else {
      const seq = st.routes[bestR].slice();
      seq.splice(bestK, 0, c);
      st.replace(bestR, seq);
    }
  }
}

/** Orders the customers to insert: random, by demand (largest first) or by distance to the nearest allowed depot. */
export function insertionOrder(st: LrpState, customers: number[], rng: Rng): number[] {
  const data = st.data;
  const kind = rng.int(4);
  rng.shuffle(customers);
  if (kind === 1) customers.sort((a, b) => data.demand[b] - data.demand[a]);
  else if (kind >= 2) {
    const near = (c: number): number => {
      let best = Infinity;
      for (let d = 0; d < data.m; d++) if (st.allowed[d]) best = Math.min(best, data.cost[d * data.size + c]);
      return best;
    };
    const key = new Map(customers.map((c) => [c, near(c)]));
    customers.sort(kind === 2 ? (a, b) => key.get(b)! - key.get(a)! : (a, b) => key.get(a)! - key.get(b)!);
  }
  return customers;
}
