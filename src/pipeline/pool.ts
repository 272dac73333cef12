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
  registeredPickups?: RunOptions["registeredPickups"];
}

export interface PlannerOptions {
  /** Worker threads (default: the machine's cores). */
  threads?: number;
  /** Heap limit of each worker, MB (default URBANMINE_WORKER_MEMORY_MB or 3072); a worker past it dies alone and is replaced. */
  maxMemoryMb?: number;
  /**
   * Seconds a solve may run past its time limit, and again after being asked to stop, before its
   * worker is terminated and replaced (default 10).
   */
  graceS?: number;
  /** Worker file (default: the compiled pipeline worker); tests swap in a worker that never stops. */
  workerFile?: string;
}

/** Default heap limit of a pipeline worker, MB. */
export function defaultWorkerMemoryMb(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.URBANMINE_WORKER_MEMORY_MB);
  return Number.isFinite(v) && v >= 64 ? v : 3072;
}

/** A planner backed by a pool of `threads` workers (default: the machine's cores). */
export function createPlanner(opts: PlannerOptions = {}): Planner {
  const threads = Math.max(1, opts.threads ?? availableParallelism());
  const maxMemoryMb = opts.maxMemoryMb ?? defaultWorkerMemoryMb();
  const graceMs = (opts.graceS ?? 10) * 1000;
  const pool = new Piscina({
    filename: opts.workerFile ?? workerPath("run-scenario"),
    maxThreads: threads,
    minThreads: 0,
    idleTimeout: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb },
  });

  /**
   * Runs one task. Stopping is cooperative first (the shared flag, when `signal` aborts or the
   * time limit plus grace passes), then forced: a worker still busy `graceS` later is terminated.
   */
  async function dispatch<T>(
    make: (cancel: SharedArrayBuffer, port: MessagePort) => PipelineTask,
    signal: AbortSignal | undefined,
    timeLimitS: number | undefined,
    onProgress?: (p: Progress) => void,
  ): Promise<T> {
    const cancel = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancel);
    const channel = new MessageChannel();
    channel.port1.on("message", (p: Progress) => onProgress?.(p));
    const kill = new AbortController();
    let stopReason: string | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (why: string) => {
      if (stopReason) return;
      stopReason = why;
      Atomics.store(flag, 0, 1);
      killTimer = setTimeout(() => kill.abort(), graceMs);
      killTimer.unref();
    };
    const abort = () => stop("it was asked to stop");
    if (signal?.aborted) abort();
    signal?.addEventListener("abort", abort, { once: true });
    const deadline = timeLimitS === undefined ? undefined : setTimeout(() => stop(`its ${timeLimitS} s time limit passed`), timeLimitS * 1000 + graceMs);
    deadline?.unref();
    try {
      const task = make(cancel, channel.port2);
      const out = (await pool.run(task, { transferList: [channel.port2], signal: kill.signal })) as unknown;
      if (isWorkerFailure(out)) throw fromWorkerFailure(out);
      return out as T;
    } catch (err) {
      if (err instanceof UrbanmineError) throw err;
      if (kill.signal.aborted) {
        throw new UrbanmineError("RESOURCE_LIMIT", `the solve was stopped: ${stopReason} and its worker did not stop within ${graceMs / 1000} s, so it was terminated`);
      }
      const message = err instanceof Error ? err.message : String(err);
      if ((err as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY" || /out of memory/i.test(message)) {
        throw new UrbanmineError("RESOURCE_LIMIT", `the solve needed more than the ${maxMemoryMb} MB a worker may use (URBANMINE_WORKER_MEMORY_MB) and was stopped: ${message}`);
      }
      throw new UrbanmineError("SOLVER_FAILED", `the solve worker failed: ${message}`);
    } finally {
      if (deadline) clearTimeout(deadline);
      if (killTimer) clearTimeout(killTimer);
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
        options.timeLimitS ?? 30,
        options.onProgress,
      );
    },
    routeDay(input: RouteDayInput): Promise<Plan["routing"]> {
      const { signal, ...rest } = input;
      return dispatch<Plan["routing"]>((cancel, port) => ({ kind: "route-day", input: rest, cancel, port }), signal, rest.timeLimitS ?? 10);
    },
    async close() {
      await pool.destroy();
    },
  };
}
