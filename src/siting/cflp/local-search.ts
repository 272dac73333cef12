// Local search over open sets for the CFLP primal side: close, open and swap moves priced by
// the greedy assignment, first improvement, until no move helps or the evaluation budget ends.
import type { CflpInstance } from "./orlib-reader.js";
import { greedyTransport, type TransportResult } from "./transport.js";

/** Improves `start` (an open set) by close/open/swap moves; returns the best set found with its greedy price. */
export function improveOpenSet(inst: CflpInstance, start: Uint8Array, maxEvaluations = 3000, fixed?: Int8Array): TransportResult {
  const open = Uint8Array.from(start);
  let best = greedyTransport(inst, open);
  let evals = 1;
  const movable = (i: number): boolean => !fixed || fixed[i] === -1;
  const attempt = (flip: number[]): boolean => {
    for (const i of flip) open[i] ^= 1;
    evals++;
    const r = greedyTransport(inst, open);
    if (r.cost < best.cost - 1e-9 * Math.abs(best.cost)) {
      best = r;
      return true;
    }
    for (const i of flip) open[i] ^= 1;
    return false;
  };
  let improved = true;
  while (improved && evals < maxEvaluations) {
    improved = false;
    for (let i = 0; i < inst.m && evals < maxEvaluations; i++) if (movable(i) && attempt([i])) improved = true;
    if (improved) continue;
    for (let i = 0; i < inst.m && !improved && evals < maxEvaluations; i++) {
      if (!open[i] || !movable(i)) continue;
      for (let k = 0; k < inst.m && evals < maxEvaluations; k++) {
        if (open[k] || !movable(k)) continue;
        if (attempt([i, k])) {
          improved = true;
          break;
        }
      }
    }
  }
  return best;
}
