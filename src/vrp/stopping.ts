// Stopping criteria of a solve: iteration bound, wall-clock deadline, cooperative cancel.
// The search asks `stop()` often; `progress()` drives the annealing schedule.

/** Options every solve accepts (see solveRouting). */
export interface SolveOptions {
  /** Seed of every random choice; the same seed and iteration bound give the same answer. */
  seed: number;
  /** Wall-clock limit in seconds (anytime: the best solution found is returned). */
  timeLimitS?: number;
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

  constructor(private readonly options: SolveOptions) {
    this.startMs = performance.now();
    this.limitMs = options.timeLimitS !== undefined ? options.timeLimitS * 1000 : Infinity;
    this.maxIterations = options.maxIterations ?? (options.timeLimitS !== undefined ? Infinity : DEFAULT_MAX_ITERATIONS);
  }

  /** True once a limit is reached or cancel was requested (sticky). */
  stop(): boolean {
    if (this.stoppedBy !== "converged") return true;
    if (this.options.shouldStop?.()) this.stoppedBy = "cancelled";
    else if (performance.now() - this.startMs >= this.limitMs) this.stoppedBy = "time-limit";
    else if (this.iteration >= this.maxIterations) this.stoppedBy = "iterations";
    return this.stoppedBy !== "converged";
  }

  /** True when stopped by the deadline or a cancel (not by the iteration bound or convergence): skip optional work. */
  interrupted(): boolean {
    return this.stop() && this.stoppedBy !== "iterations" && this.stoppedBy !== "no-improvement";
  }

  /** Share of the budget used, 0..1 (by iterations when bounded, else by time). */
  progress(): number {
    if (Number.isFinite(this.maxIterations)) return Math.min(1, this.iteration / this.maxIterations);
    if (Number.isFinite(this.limitMs)) return Math.min(1, (performance.now() - this.startMs) / this.limitMs);
    return 0;
  }

  elapsedS(): number {
    return (performance.now() - this.startMs) / 1000;
  }
}
