// The contract between the harness and the suites: a suite is a named list of cases; a case
// is either a speed case (timed against the calibration workload) or a quality case (a number
// from a seeded, iteration-bounded run, so it is exactly reproducible).

/** What every case receives. */
export interface BenchContext {
  /** Quick mode (CI): fewer timing rounds; quality cases may skip their larger instances. */
  quick: boolean;
  /** Repository root (holds package.json). */
  repoRoot: string;
  /** The shared data folder (benchmarks/, data/osm/), or undefined when it is not there. */
  sharedDir: string | undefined;
  /** Progress lines go to stderr so that `--json` output stays clean. */
  log(message: string): void;
}

/** Raised by a case whose inputs are not available here (e.g. no shared data): recorded as skipped. */
export class SkipCase extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "SkipCase";
  }
}

/** Timing options of one speed case; the harness picks defaults by mode. */
export interface SpeedTiming {
  /** Time budget per tinybench task and round, ms. */
  timeMs?: number;
  /** Minimum timed calls per task and round. */
  minIterations?: number;
  /** Rounds (fewer for cases of a second or more). */
  rounds?: number;
  /** Warm-up before the first round, ms of CPU (longer for code that V8 optimises late). */
  warmupMs?: number;
}

/**
 * A hot path timed with tinybench beside the calibration workload. `setup` builds the inputs
 * (not timed); `run` is the timed call and gets what `setup` returned. `run` may return a
 * promise (e.g. a solver adapter's), which is awaited inside the timing.
 */
export interface SpeedCase<F = unknown> {
  name: string;
  kind: "speed";
  description: string;
  /** Allowed relative slow-down of the ratio before the check fails (default DEFAULT_SPEED_TOLERANCE). */
  tolerance?: number;
  /** Left out of quick runs (and then not required by a quick check). */
  fullOnly?: boolean;
  timing?: SpeedTiming;
  setup?(ctx: BenchContext): F | Promise<F>;
  run(fixture: F, ctx: BenchContext): unknown;
}

/** The outcome of a quality case: one number, plus details printed beside it. */
export interface QualityOutcome {
  value: number;
  details?: Record<string, number | string | boolean>;
}

/**
 * A solution-quality figure from a seeded, iteration-bounded run (e.g. gap % to best-known).
 * `run` must check the solution independently and throw when it is not valid.
 */
export interface QualityCase {
  name: string;
  kind: "quality";
  description: string;
  /** Unit of `value`, e.g. "gap %". */
  unit: string;
  /** Which direction is an improvement. */
  better: "lower" | "higher";
  /** Allowed worsening, in the unit of `value` (absolute), before the check fails. */
  tolerance: number;
  fullOnly?: boolean;
  /** Reference figures from other solvers, shown beside ours in the README (not checked). */
  anchors?: Record<string, number>;
  run(ctx: BenchContext): QualityOutcome | Promise<QualityOutcome>;
}

export type BenchCase = SpeedCase | QualityCase;

/** A module's group of cases; `name` mirrors the src/ folder it measures. */
export interface BenchSuite {
  name: string;
  cases: BenchCase[];
}

/** Speed tolerance when a case states none: see bench/README.md for the noise it was chosen from. */
export const DEFAULT_SPEED_TOLERANCE = 0.25;

/** Declares a speed case with a typed fixture (the harness only sees `SpeedCase<unknown>`). */
export function speedCase<F>(spec: Omit<SpeedCase<F>, "kind">): SpeedCase {
  return { kind: "speed", ...spec };
}

/** Declares a quality case. */
export function qualityCase(spec: Omit<QualityCase, "kind">): QualityCase {
  return { kind: "quality", ...spec };
}
