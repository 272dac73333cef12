// Ruin-and-recreate search with simulated-annealing acceptance on cost and a strict
// lexicographic rule on (served priority, served jobs); local search polishes promising
// candidates. Anytime: the best solution is kept and returned whenever the search stops.
import { localSearch } from "./local-search.js";
import { nearestJobs } from "./neighbours.js";
import type { Operator, OperatorContext } from "./operators/index.js";
import type { Rng } from "./random.js";
import { insertGreedy, openUnusedVehicle } from "./recreate.js";
import { ruin } from "./ruin.js";
import { compareObjective, type Solution } from "./solution.js";
import type { SolveOptions, Stopper } from "./stopping.js";

/** Share of iterations whose recreate opens an unused vehicle before the greedy insertion. */
const OPEN_VEHICLE_SHARE = 0.1;

/** Improves `start` until `stopper` says stop; returns the best solution seen. */
export function ruinAndRecreate(
  start: Solution,
  ops: Operator[],
  ctx: OperatorContext,
  rng: Rng,
  stopper: Stopper,
  onProgress: SolveOptions["onProgress"],
): Solution {
  const data = start.data;
  const stop = (): boolean => stopper.stop();
  let cur = start;
  let best = start.clone();
  let bestObj = best.objective();
  if (data.nJobs === 0) return best;
  const near = nearestJobs(data, Math.min(data.nJobs - 1, 50));
  const avgRemoved = Math.min(10, Math.max(Math.min(4, data.nJobs), Math.round(data.nJobs * 0.15)));
  const recost = (v: number, seq: number[]): number => ctx.ev.cost(v, seq, seq.length);
  const served = Math.max(1, bestObj.served);
  const t0 = (0.05 * bestObj.costUsd) / served;
  const tEnd = t0 / 100;
  while (!stop()) {
    stopper.iteration++;
    const cand = cur.clone();
    const removed = ruin(cand, near, rng, 1 + rng.int(2 * avgRemoved), recost);
    let toInsert = removed.concat(cand.unassignedJobs().filter((j) => !removed.includes(j)));
    // now and then a vehicle left unused is opened first (fleet mix: depots, fixed costs, minimum shifts)
    if (rng.next() < OPEN_VEHICLE_SHARE) toInsert = openUnusedVehicle(ctx, cand, toInsert, rng);
    insertGreedy(ctx, cand, toInsert, rng, 0.01);
    const temp = t0 * Math.pow(tEnd / Math.max(t0, 1e-12), stopper.progress());
    let candObj = cand.objective();
    const curObj = cur.objective();
    if (compareObjective(candObj, bestObj) < 0 || candObj.costUsd < curObj.costUsd + temp) {
      localSearch(cand, ops, ctx, rng, stop);
      candObj = cand.objective();
    }
    const lex = compareObjective({ ...candObj, costUsd: 0 }, { ...curObj, costUsd: 0 });
    const accept = lex < 0 || (lex === 0 && candObj.costUsd < curObj.costUsd - temp * Math.log(1 - rng.next()));
    if (accept) cur = cand;
    if (compareObjective(candObj, bestObj) < 0) {
      best = cand.clone();
      bestObj = candObj;
      onProgress?.({ iteration: stopper.iteration, bestCostUsd: bestObj.costUsd });
    }
  }
  return best;
}
