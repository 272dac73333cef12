// The "site first, then route" baseline of the LRP benchmark: depots chosen by a facility-location
// estimate alone (every depot subset that can hold the demand; customers assigned greedily by
// regret at a radial cost, their demand's share of a round trip to the depot, the way a per-t-km
// collection factor prices them), then the same routing search on each depot's customers, the
// CPU budget split by customer count. Each depot's search stops early after a long stagnation.
import { buildLrpData, checkLrpRoutes, type LrpInput, type LrpRoute, rankConfigs, solveLrp } from "../../src/lrp/index.js";

export interface BaselineResult {
  cost: number;
  open: number[];
  routes: LrpRoute[];
  violations: string[];
  /** The facility-location estimate of the chosen depots. */
  estimate: number;
}

/** Iterations without a better route plan after which a depot's search stops. */
const STAGNATION = 4000;

export function siteThenRoute(input: LrpInput, seed: number, cpuTimeLimitS: number): BaselineResult {
  const data = buildLrpData(input);
  const [best] = rankConfigs(data, 1);
  const routes: LrpRoute[] = [];
  for (const d of best.set) {
    const mine = Array.from({ length: data.n }, (_, c) => c).filter((c) => best.depotOf[data.m + c] === d);
    if (mine.length === 0) continue;
    const nodes = [d, ...mine.map((c) => data.m + c)];
    const matrix = nodes.flatMap((a) => nodes.map((b) => data.cost[a * data.size + b]));
    let polls = 0;
    let lastBetter = 0;
    const r = solveLrp(
      {
        depots: [{ capacity: data.depotCapacity[d], openingCost: data.openingCost[d] }],
        customers: mine.map((c) => ({ demand: data.demand[data.m + c] })),
        vehicleCapacity: data.vehicleCapacity,
        routeCost: data.routeCost,
        matrix,
      },
      {
        seed,
        cpuTimeLimitS: (cpuTimeLimitS * mine.length) / data.n,
        onProgress: () => void (lastBetter = polls),
        isCancelled: () => ++polls - lastBetter > STAGNATION,
      },
    );
    for (const route of r.routes) routes.push({ depot: d, customers: route.customers.map((k) => mine[k]) });
  }
  const check = checkLrpRoutes(data, routes);
  const open = [...new Set(routes.map((r) => r.depot))].sort((a, b) => a - b);
  return { cost: check.cost, open, routes, violations: check.violations, estimate: best.estimate };
}
