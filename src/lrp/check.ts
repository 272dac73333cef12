// Feasibility and cost of a finished location-routing answer, recomputed from its routes alone
// (not from the search's bookkeeping); commands run it before they print.
import type { LrpData } from "./data.js";
import type { LrpRoute } from "./solve.js";

/** Violations in words (empty when feasible) and the recomputed cost. */
export function checkLrpRoutes(data: LrpData, routes: LrpRoute[]): { violations: string[]; cost: number } {
  const { m, n, size, cost, demand } = data;
  const violations: string[] = [];
  const visits = new Int32Array(n);
  const served = new Float64Array(m);
  const used = new Uint8Array(m);
  let total = 0;
  routes.forEach((r, k) => {
    if (!(Number.isInteger(r.depot) && r.depot >= 0 && r.depot < m)) return void violations.push(`route ${k + 1}: unknown depot ${r.depot}`);
    if (r.customers.length === 0) return void violations.push(`route ${k + 1} is empty`);
    let at = r.depot;
    let load = 0;
    for (const c of r.customers) {
      if (!(Number.isInteger(c) && c >= 0 && c < n)) return void violations.push(`route ${k + 1}: unknown customer ${c}`);
      visits[c]++;
      total += cost[at * size + m + c];
      at = m + c;
      load += demand[m + c];
    }
    total += cost[at * size + r.depot] + data.routeCost;
    if (load > data.vehicleCapacity) violations.push(`route ${k + 1} carries ${load} > vehicle capacity ${data.vehicleCapacity}`);
    served[r.depot] += load;
    used[r.depot] = 1;
  });
  visits.forEach((v, c) => {
    if (v !== 1) violations.push(`customer ${c + 1} is visited ${v} times`);
  });
  for (let d = 0; d < m; d++) {
    if (!used[d]) continue;
    total += data.openingCost[d];
    if (served[d] > data.depotCapacity[d]) violations.push(`depot ${d + 1} serves ${served[d]} > its capacity ${data.depotCapacity[d]}`);
  }
  return { violations, cost: total };
}
