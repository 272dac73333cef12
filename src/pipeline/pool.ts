// The Piscina pool: the only place that knows about worker threads. Cancellation is a shared
// flag the solvers poll (they then return their best), progress comes back over a MessagePort.
import { availableParallelism } from "node:os";
import { MessageChannel, type MessagePort } from "node:worker_threads";
import { Piscina } from "piscina";
import { fromWorkerFailure, isWorkerFailure, type Plan, type Scenario, type SolveSettings, UrbanmineError } from "../domain/index.js";
import type { Planner, Progress, RouteDayInput, RunOptions } from "./types.js";
import { workerPath } from "./worker-path.js";

/** What the worker receives. */
export type PipelineTask =
  | { kind: "run"; scenario: Scenario; options: WorkerRunOptions; cancel: SharedArrayBuffer; port: MessagePort }
  | { kind: "route-day"; input: Omit<RouteDayInput, "signal">; cancel: SharedArrayBuffer; port: MessagePort };

export interface WorkerRunOptions extends SolveSettings {
  baseDir: string;
}

/** A planner backed by a pool of `threads` workers (default: the machine's cores). */
export function createPlanner(opts: { threads?: number } = {}): Planner {
  const threads = Math.max(1, opts.threads ?? availableParallelism());
  const pool = new Piscina({ filename: workerPath("run-scenario"), maxThreads: threads, minThreads: 0, idleTimeout: 30_000 });

  async function dispatch<T>(make: (cancel: SharedArrayBuffer, port: MessagePort) => PipelineTask, signal?: AbortSignal, onProgress?: (p: Progress) => void): Promise<T> {
    const cancel = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancel);
    const channel = new MessageChannel();
    channel.port1.on("message", (p: Progress) => onProgress?.(p));
    const abort = () => Atomics.store(flag, 0, 1);
    if (signal?.aborted) abort();
    signal?.addEventListener("abort", abort, { once: true });
    try {
      const task = make(cancel, channel.port2);
      const out = (await pool.run(task, { transferList: [channel.port2] })) as unknown;
      if (isWorkerFailure(out)) throw fromWorkerFailure(out);
      return out as T;
    } catch (err) {
      if (err instanceof UrbanmineError) throw err;
      throw new UrbanmineError("SOLVER_FAILED", `the solve worker failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      signal?.removeEventListener("abort", abort);
      channel.port1.close();
    }
  }

  return {
    run(scenario: Scenario, options: RunOptions): Promise<Plan> {
      const { onProgress: _p, signal: _s, ...settings } = options;
      return dispatch<Plan>(
        (cancel, port) => ({ kind: "run", scenario, options: settings, cancel, port }),
        options.signal,
        options.onProgress,
      );
    },
    routeDay(input: RouteDayInput): Promise<Plan["routing"]> {
      const { signal, ...rest } = input;
      return dispatch<Plan["routing"]>((cancel, port) => ({ kind: "route-day", input: rest, cancel, port }), signal);
    },
    async close() {
      await pool.destroy();
    },
  };
}
