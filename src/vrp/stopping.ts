// Stopping criteria of a solve: iteration bound, wall-clock deadline, cooperative cancel.
// The search asks `stop()` often; `progress()` tells it how much of a known budget is used.

/** Options every solve accepts (see solveRouting). */
export interface SolveOptions {
  /** Seed of every random choice; the same seed and iteration bound give the same answer. */
  seed: number;
  /** Wall-clock limit in seconds (anytime: the best solution found is returned). */
  timeLimitS?: number;
  /**
   * CPU-time limit in seconds, counted on this process from the start of the solve (benchmarks
   * on a shared machine, where wall time depends on the load). Anytime, as `timeLimitS`.
   */
  cpuTimeLimitS?: number;
  /** Deterministic bound on search iterations. Default 2000 when no time limit is given. */
  maxIterations?: number;
  /** Cooperative cancel, polled often; the best solution so far is returned. */
  shouldStop?: () => boolean;
  /** Called when the best solution improves. */
  onProgress?: (p: { iteration: number; bestCostUsd: number }) => void;
}

/** Default iteration bound when neither a time limit nor a bound is given. */
export const DEFAULT_MAX_ITERATIONS = 2000;

/** Tracks iterations and time against the limits of `options`. */
export class Stopper {
  iteration = 0;
  /**
   * Why the search ended: "time-limit", "iterations", "cancelled", "no-improvement" (the genetic
   * search found no better solution for a long run: tiny days end in about a second), or
   * "converged" (the search finished on its own).
   */
  stoppedBy = "converged";
  private readonly startMs: number;
  private readonly maxIterations: number;
  private readonly limitMs: number;
  private readonly cpuLimitUs: number;
  private readonly cpu0: NodeJS.CpuUsage;
  private cpuUsedUs = 0;
  private calls = 0;

  constructor(private readonly options: SolveOptions) {
    this.startMs = performance.now();
    this.limitMs = options.timeLimitS !== undefined ? options.timeLimitS * 1000 : Infinity;
    this.cpuLimitUs = options.cpuTimeLimitS !== undefined ? options.cpuTimeLimitS * 1e6 : Infinity;
    this.cpu0 = process.cpuUsage();
    const timed = options.timeLimitS !== undefined || options.cpuTimeLimitS !== undefined;
    this.maxIterations = options.maxIterations ?? (timed ? Infinity : DEFAULT_MAX_ITERATIONS);
  }

  /** CPU microseconds used since the start (read from the process every 64 calls: it is a system call). */
  private cpuUs(): number {
    if ((this.calls++ & 63) === 0) {
      const u = process.cpuUsage(this.cpu0);
      this.cpuUsedUs = u.user + u.system;
    }
    return this.cpuUsedUs;
  }

  /** True once a limit is reached or cancel was requested (sticky). */
  stop(): boolean {
    if (this.stoppedBy !== "converged") return true;
    if (this.options.shouldStop?.()) this.stoppedBy = "cancelled";
    else if (performance.now() - this.startMs >= this.limitMs) this.stoppedBy = "time-limit";
    else if (this.cpuLimitUs !== Infinity && this.cpuUs() >= this.cpuLimitUs) this.stoppedBy = "time-limit";
    else if (this.iteration >= this.maxIterations) this.stoppedBy = "iterations";
    return this.stoppedBy !== "converged";
  }

  /** Share of the budget used, 0..1 (by iterations when bounded, else by wall or CPU time, whichever is further). */
  progress(): number {
    if (Number.isFinite(this.maxIterations)) return Math.min(1, this.iteration / this.maxIterations);
    let share = 0;
    if (Number.isFinite(this.limitMs)) share = (performance.now() - this.startMs) / this.limitMs;
    if (Number.isFinite(this.cpuLimitUs)) share = Math.max(share, this.cpuUs() / this.cpuLimitUs);
    return Math.min(1, share);
  }

  /** Generations allowed (Infinity when only time bounds the search). */
  iterationBudget(): number {
    return this.maxIterations;
  }

  elapsedS(): number {
    return (performance.now() - this.startMs) / 1000;
  }
}
