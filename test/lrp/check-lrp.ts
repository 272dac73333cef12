// Independent checker of location-routing answers: reads a Prodhon .dat text by itself (not with
// the engine's reader), verifies feasibility and recomputes the total cost from the routes.

export interface CheckedInstance {
  n: number;
  m: number;
  depots: Array<[number, number]>;
  customers: Array<[number, number]>;
  vehicleCapacity: number;
  depotCapacity: number[];
  demand: number[];
  openingCost: number[];
  routeCost: number;
}

/** Reads the numbers of a well-formed Prodhon file in order. */
export function readInstance(text: string): CheckedInstance {
  const v = text.split(/\s+/).filter((t) => t !== "").map(Number);
  let i = 0;
  const n = v[i++];
  const m = v[i++];
  const pairs = (k: number): Array<[number, number]> => Array.from({ length: k }, () => [v[i++], v[i++]] as [number, number]);
  const list = (k: number): number[] => Array.from({ length: k }, () => v[i++]);
  const depots = pairs(m);
  const customers = pairs(n);
  const vehicleCapacity = v[i++];
  const depotCapacity = list(m);
  const demand = list(n);
  const openingCost = list(m);
  const routeCost = v[i++];
  return { n, m, depots, customers, vehicleCapacity, depotCapacity, demand, openingCost, routeCost };
}

export interface CheckedRoute {
  /** Depot index from 0. */
  depot: number;
  /** Customer indices from 0. */
  customers: number[];
}

/** Violations found (empty when feasible) and the recomputed cost. */
export function checkLrp(inst: CheckedInstance, routes: CheckedRoute[]): { violations: string[]; cost: number; open: number[] } {
  const violations: string[] = [];
  const seen = new Array<number>(inst.n).fill(0);
  const served = new Array<number>(inst.m).fill(0);
  const edge = (a: [number, number], b: [number, number]): number => Math.trunc(100 * Math.sqrt((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2));
  let travel = 0;
  routes.forEach((r, k) => {
    if (!Number.isInteger(r.depot) || r.depot < 0 || r.depot >= inst.m) {
      violations.push(`route ${k}: no depot ${r.depot}`);
      return;
    }
    if (r.customers.length === 0) violations.push(`route ${k}: empty`);
    let load = 0;
    let at = inst.depots[r.depot];
    for (const c of r.customers) {
      if (!Number.isInteger(c) || c < 0 || c >= inst.n) {
        violations.push(`route ${k}: no customer ${c}`);
        return;
      }
      seen[c]++;
      load += inst.demand[c];
      travel += edge(at, inst.customers[c]);
      at = inst.customers[c];
    }
    travel += edge(at, inst.depots[r.depot]);
    if (load > inst.vehicleCapacity) violations.push(`route ${k}: load ${load} > vehicle capacity ${inst.vehicleCapacity}`);
    served[r.depot] += load;
  });
  seen.forEach((s, c) => {
    if (s !== 1) violations.push(`customer ${c} visited ${s} times`);
  });
  const open = served.flatMap((s, d) => (routes.some((r) => r.depot === d) ? [d] : []));
  for (const d of open) if (served[d] > inst.depotCapacity[d]) violations.push(`depot ${d}: serves ${served[d]} > capacity ${inst.depotCapacity[d]}`);
  const cost = open.reduce((a, d) => a + inst.openingCost[d], 0) + inst.routeCost * routes.length + travel;
  return { violations, cost, open };
}
