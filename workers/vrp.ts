// Piscina entry point for VRP solves: decodes a task, runs solveRouting, returns the solution.
// Cancel by setting the first element of the shared `cancel` array to 1 (Atomics.store).
import { type RoutingProblem, type RoutingSolution, toWorkerFailure } from "../src/domain/index.js";
import type { VrpOutcome } from "../src/pipeline/multi-start.js";
import { solveRouting } from "../src/vrp/index.js";

/** One solve: the problem (its matrices may be transferred) and the search settings. */
export interface VrpTask {
  problem: RoutingProblem;
  seed: number;
  timeLimitS?: number;
  maxIterations?: number;
  /** Int32Array over a SharedArrayBuffer; the solve stops with its best when element 0 becomes non-zero. */
  cancel?: Int32Array;
}

/** Runs one solve (call with `pool.run(task, { name: "solve" })`). Errors propagate to the caller. */
export function solve(task: VrpTask): RoutingSolution {
  const cancel = task.cancel;
  return solveRouting(task.problem, {
    seed: task.seed,
    timeLimitS: task.timeLimitS,
    maxIterations: task.maxIterations,
    shouldStop: cancel ? () => Atomics.load(cancel, 0) !== 0 : undefined,
  });
}

/** Like `solve`, but an error comes back as the failure envelope (errors crossing threads lose their code). */
export function solveOrFail(task: VrpTask): VrpOutcome {
  try {
    return { solution: solve(task) };
  } catch (err) {
    return toWorkerFailure(err);
  }
}
