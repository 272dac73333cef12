// Split (Prins 2004; Vidal 2016): cut a giant tour into routes at minimum penalised cost by
// dynamic programming over its prefixes; a fleet-limited version runs when the unlimited
// one needs more routes than the fleet has.
import type { HgsData } from "./hgs-data.js";
import { concat, penalisedCost, Segment, visitCustomer, visitDepot } from "./segment.js";

/** Routes of `tour` (customer ids) under the given penalties, at most `maxRoutes` of them. */
export function split(data: HgsData, tour: Int32Array, maxRoutes: number, capPenalty: number, twPenalty: number): number[][] {
  const n = tour.length;
  const cost = segmentCosts(data, tour, capPenalty, twPenalty);
  // unlimited fleet: Bellman over prefixes
  const best = new Float64Array(n + 1).fill(Infinity);
  const pred = new Int32Array(n + 1);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    if (best[i] === Infinity) continue;
    const row = cost[i];
    for (let k = 0; k < row.length; k++) {
      const j = i + 1 + k;
      const c = best[i] + row[k];
      if (c < best[j]) {
        best[j] = c;
        pred[j] = i;
      }
    }
  }
  let routes = cut(tour, pred, n);
  if (routes.length <= maxRoutes) return routes;
  // fleet-limited: layer by number of routes
  let prevLayer = new Float64Array(n + 1).fill(Infinity);
  prevLayer[0] = 0;
  const preds: Int32Array[] = [];
  for (let r = 0; r < maxRoutes; r++) {
    const layer = new Float64Array(n + 1).fill(Infinity);
    const p = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      if (prevLayer[i] === Infinity) continue;
      const row = cost[i];
      for (let k = 0; k < row.length; k++) {
        const j = i + 1 + k;
        const c = prevLayer[i] + row[k];
        if (c < layer[j]) {
          layer[j] = c;
          p[j] = i;
        }
      }
    }
    preds.push(p);
    prevLayer = layer;
  }
  if (prevLayer[n] === Infinity) {
    // spans were capped: put everything left into the last route
    routes = routes.slice(0, maxRoutes - 1).concat([routes.slice(maxRoutes - 1).flat()]);
    return routes;
  }
  const out: number[][] = [];
  let j = n;
  for (let r = maxRoutes - 1; r >= 0 && j > 0; r--) {
    const i = preds[r][j];
    out.push(Array.from(tour.subarray(i, j)));
    j = i;
  }
  return out.reverse();
}

/** cost[i][k]: penalised cost of the route serving tour[i..i+k], for spans up to a load of 1.5 capacity. */
function segmentCosts(data: HgsData, tour: Int32Array, capPenalty: number, twPenalty: number): Float64Array[] {
  const n = tour.length;
  const seg = new Segment();
  const one = new Segment();
  const end = new Segment();
  const closed = new Segment();
  visitDepot(data, 0, true, end);
  const out: Float64Array[] = [];
  const limit = 1.5 * data.capacity;
  for (let i = 0; i < n; i++) {
    const costs: number[] = [];
    visitDepot(data, 0, false, seg);
    for (let j = i; j < n; j++) {
      concat(data, seg, visitCustomer(data, tour[j], one), seg);
      if (j > i && seg.load > limit) break;
      concat(data, seg, end, closed);
      costs.push(penalisedCost(data, closed, 0, capPenalty, twPenalty));
    }
    out.push(Float64Array.from(costs));
  }
  return out;
}

function cut(tour: Int32Array, pred: Int32Array, n: number): number[][] {
  const out: number[][] = [];
  for (let j = n; j > 0; j = pred[j]) out.push(Array.from(tour.subarray(pred[j], j)));
  return out.reverse();
}
