// Local search to a local optimum: tries every operator on every pair of routes, applies the
// best improving move of each (first-improvement over pairs), and skips pairs unchanged since
// they were last found without an improving move.
import type { Operator, OperatorContext } from "./operators/index.js";
import type { Rng } from "./random.js";
import type { Solution } from "./solution.js";

/** Runs local search on `sol` in place; returns the number of moves applied. `shouldStop` is polled per route pair. */
export function localSearch(sol: Solution, ops: Operator[], ctx: OperatorContext, rng: Rng, shouldStop: () => boolean): number {
  const data = sol.data;
  const nV = data.nVehicles;
  const changed = new Float64Array(nV).fill(1);
  const tested = ops.map(() => new Float64Array(nV * nV));
  let clock = 2;
  let moves = 0;
  let improved = true;
  while (improved) {
    improved = false;
    const used: number[] = [];
    const seenEmptyClass = new Set<number>();
    for (let v = 0; v < nV; v++) {
      if (sol.routes[v].length > 0) used.push(v);
      else if (!seenEmptyClass.has(data.vClass[v])) {
        seenEmptyClass.add(data.vClass[v]);
        used.push(v);
      }
    }
    rng.shuffle(used);
    for (const a of used) {
      if (sol.routes[a].length === 0) continue;
      for (const b of used) {
        if (shouldStop()) return moves;
        for (let o = 0; o < ops.length; o++) {
          const op = ops[o];
          // intra-route operators see one route; inter-route ones also run inside a route
          if (!op.interRoute && a !== b) continue;
          const key = a * nV + b;
          if (tested[o][key] > Math.max(changed[a], changed[b])) continue;
          tested[o][key] = clock++;
          const move = op.best(ctx, sol, a, b);
          if (move && move.apply(sol)) {
            changed[a] = changed[b] = clock++;
            moves++;
            improved = true;
          }
        }
      }
    }
  }
  return moves;
}
