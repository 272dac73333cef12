// Exact optimum of tiny location-routing instances by enumeration (every customer-to-depot
// assignment, every partition of a depot's customers into routes, every visit order), written
// apart from the engine so tests can compare against it.
import type { CheckedInstance } from "./check-lrp.js";

function edge(a: [number, number], b: [number, number]): number {
  return Math.trunc(100 * Math.sqrt((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2));
}

function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

/** Optimal total cost (Infinity when infeasible); for n up to about 7. */
export function optimumByEnumeration(inst: CheckedInstance): number {
  const { n, m } = inst;
  const full = 1 << n;
  const members = (mask: number): number[] => Array.from({ length: n }, (_, c) => c).filter((c) => mask & (1 << c));
  const load = (mask: number): number => members(mask).reduce((a, c) => a + inst.demand[c], 0);
  // best single route from depot d over the customers of mask
  const route = Array.from({ length: m }, () => new Array<number>(full).fill(Infinity));
  for (let d = 0; d < m; d++)
    for (let mask = 1; mask < full; mask++) {
      if (load(mask) > inst.vehicleCapacity) continue;
      for (const p of permutations(members(mask))) {
        let c = inst.routeCost;
        let at = inst.depots[d];
        for (const k of p) {
          c += edge(at, inst.customers[k]);
          at = inst.customers[k];
        }
        c += edge(at, inst.depots[d]);
        route[d][mask] = Math.min(route[d][mask], c);
      }
    }
  // best partition of mask into routes from depot d
  const part = Array.from({ length: m }, () => new Array<number>(full).fill(Infinity));
  for (let d = 0; d < m; d++) {
    part[d][0] = 0;
    for (let mask = 1; mask < full; mask++) {
      const low = mask & -mask;
      for (let sub = mask; sub > 0; sub = (sub - 1) & mask)
        if (sub & low) part[d][mask] = Math.min(part[d][mask], route[d][sub] + part[d][mask ^ sub]);
    }
  }
  let best = Infinity;
  const assign = new Array<number>(n).fill(0);
  const total = m ** n;
  for (let k = 0; k < total; k++) {
    let x = k;
    for (let c = 0; c < n; c++) {
      assign[c] = x % m;
      x = Math.floor(x / m);
    }
    let cost = 0;
    for (let d = 0; d < m && cost < best; d++) {
      let mask = 0;
      for (let c = 0; c < n; c++) if (assign[c] === d) mask |= 1 << c;
      if (mask === 0) continue;
      if (load(mask) > inst.depotCapacity[d]) cost = Infinity;
      else cost += inst.openingCost[d] + part[d][mask];
    }
    best = Math.min(best, cost);
  }
  return best;
}
