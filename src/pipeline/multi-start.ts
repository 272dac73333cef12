// Multi-start routing over a Piscina pool: the same problem solved from several seeds at once
// (one worker thread each), the best kept in the engine's objective order. Cancellation and
// the time limit reach every start through one shared flag; each start returns its best.
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { fromWorkerFailure, isWorkerFailure, type RoutingProblem, type RoutingSolution, UrbanmineError, type WorkerFailure } from "../domain/index.js";
import { bestOf } from "../vrp/index.js";
import { workerPath } from "./worker-path.js";

/** What the worker's `solveOrFail` returns: the solution, or the failure envelope. */
export type VrpOutcome = { solution: RoutingSolution } | WorkerFailure;

/** Settings of a multi-start solve. */
export interface MultiStartOptions {
  /** Number of independent starts (seeds `seed`, `seed + 1`, …). */
  starts: number;
  /** Worker threads (default: min(starts, cores)). */
  threads?: number;
  seed: number;
  /** Wall-clock limit of every start, in seconds. */
  timeLimitS?: number;
  /** Iteration bound of every start (deterministic runs). */
  maxIterations?: number;
  /** Aborting stops every start; each returns its best so far. */
  signal?: AbortSignal;
}

/**
 * Solves `problem` from `starts` seeds in parallel and returns the best solution (served
 * priority, then jobs served, then cost; ties keep the lowest seed). Deterministic for given
 * seeds and an iteration bound.
 * @throws UrbanmineError SOLVER_FAILED when a worker fails; input errors of the problem as solveRouting throws them
 */
export async function solveMultiStart(problem: RoutingProblem, opts: MultiStartOptions): Promise<RoutingSolution> {
  const starts = Math.max(1, Math.floor(opts.starts));
  const threads = Math.max(1, Math.min(starts, opts.threads ?? availableParallelism()));
  const pool = new Piscina({ filename: workerPath("vrp"), name: "solveOrFail", minThreads: threads, maxThreads: threads });
  const cancel = new Int32Array(new SharedArrayBuffer(4));
  const abort = (): void => {
    Atomics.store(cancel, 0, 1);
  };
  if (opts.signal?.aborted) abort();
  opts.signal?.addEventListener("abort", abort, { once: true });
  try {
    const runs = Array.from({ length: starts }, (_, k) =>
      pool.run({ problem, seed: opts.seed + k, timeLimitS: opts.timeLimitS, maxIterations: opts.maxIterations, cancel }) as Promise<VrpOutcome>,
    );
    const settled = await Promise.allSettled(runs);
    const solutions: RoutingSolution[] = [];
    for (const s of settled) {
      if (s.status === "rejected") {
        abort();
        throw new UrbanmineError("SOLVER_FAILED", `a routing worker failed: ${s.reason instanceof Error ? s.reason.message : String(s.reason)}`);
      }
      if (isWorkerFailure(s.value)) throw fromWorkerFailure(s.value);
      solutions.push(s.value.solution);
    }
    return bestOf(problem, solutions);
  } finally {
    opts.signal?.removeEventListener("abort", abort);
    await pool.destroy();
  }
}
