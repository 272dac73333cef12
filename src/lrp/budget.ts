// Stopping of a location-routing solve: iteration bound, wall-clock or CPU-time limit, and
// cooperative cancel (a callback or a shared flag). Iteration-bounded runs ignore the clocks in
// their schedule, so a seed fixes their answer.

/** Options of `solveLrp`. */
export interface LrpSolveOptions {
  /** Seed of every random choice (default 1). */
  seed?: number;
  /** Wall-clock limit in seconds. */
  timeLimitS?: number;
  /** Limit on this process's CPU time (user + system) in seconds, counted from the call. */
  cpuTimeLimitS?: number;
  /** Bound on search iterations (deterministic); default 3000 when no time limit is given. */
  maxIterations?: number;
  /** Polled often; true stops the search, which returns its best solution. */
  isCancelled?: () => boolean;
  /** Shared flag (e.g. over a SharedArrayBuffer): non-zero at index 0 stops the search. */
  cancelFlag?: Int32Array;
  /** Called whenever the best feasible cost improves. */
  onProgress?: (p: { iteration: number; cost: number; seconds: number }) => void;
}

export type StoppedBy = "iterations" | "time-limit" | "cpu-limit" | "cancelled";

export const DEFAULT_LRP_ITERATIONS = 3000;

/** Tracks the budget; `stop()` is sticky. */
export class Budget {
  iteration = 0;
  stoppedBy: StoppedBy | undefined;
  private readonly t0 = performance.now();
  private readonly cpu0 = process.cpuUsage();
  private readonly maxIterations: number;
  private checks = 0;

  constructor(private readonly o: LrpSolveOptions) {
    const timed = o.timeLimitS !== undefined || o.cpuTimeLimitS !== undefined;
    this.maxIterations = o.maxIterations ?? (timed ? Infinity : DEFAULT_LRP_ITERATIONS);
  }

  stop(): boolean {
    if (this.stoppedBy) return true;
    if (this.iteration >= this.maxIterations) this.stoppedBy = "iterations";
    else if (this.o.isCancelled?.() || (this.o.cancelFlag && Atomics.load(this.o.cancelFlag, 0) !== 0)) this.stoppedBy = "cancelled";
    else if (this.o.timeLimitS !== undefined && this.seconds() >= this.o.timeLimitS) this.stoppedBy = "time-limit";
    else if (this.o.cpuTimeLimitS !== undefined && (this.checks++ & 7) === 0 && this.cpuSeconds() >= this.o.cpuTimeLimitS) this.stoppedBy = "cpu-limit";
    return this.stoppedBy !== undefined;
  }

  /** Share of the budget used, 0..1: by iterations when bounded, else by the clock. */
  progress(): number {
    if (Number.isFinite(this.maxIterations)) return Math.min(1, this.iteration / this.maxIterations);
    let p = 0;
    if (this.o.timeLimitS !== undefined) p = Math.max(p, this.seconds() / this.o.timeLimitS);
    if (this.o.cpuTimeLimitS !== undefined) p = Math.max(p, this.cpuSeconds() / this.o.cpuTimeLimitS);
    return Math.min(1, p);
  }

  seconds(): number {
    return (performance.now() - this.t0) / 1000;
  }

  cpuSeconds(): number {
    const u = process.cpuUsage(this.cpu0);
    return (u.user + u.system) / 1e6;
  }
}
