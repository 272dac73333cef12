// Times one speed case with tinybench, sandwiched between two timings of the calibration
// workload in the same process, in several short rounds; the case's figure is the median over
// rounds of case / calibration (each the lower quartile of its latencies in that round), so a
// uniformly slower machine leaves it unchanged. The clock is the process's CPU time, so time
// spent preempted by other processes does not count. Why these choices: bench/README.md, "Noise".
import { Bench } from "tinybench";
import { type CalibrationFixture, runCalibration } from "./calibration.js";

/** How long and how often to time, per mode. */
export interface TimingPlan {
  rounds: number;
  timeMs: number;
  minIterations: number;
  warmupMs: number;
}

/** Warm-up is the same in both modes: V8 keeps optimising for a while, and a case measured
 * before its code settles reads slower (up to 20% on the VRP cases), so quick and full runs
 * would disagree. Its cost is paid once per case, not per round. */
const WARMUP_MS = 1000;
export const FULL_TIMING: TimingPlan = { rounds: 11, timeMs: 80, minIterations: 5, warmupMs: WARMUP_MS };
export const QUICK_TIMING: TimingPlan = { rounds: 5, timeMs: 40, minIterations: 4, warmupMs: WARMUP_MS };

/** One speed measurement. */
export interface SpeedMeasurement {
  ratio: number;
  ratios: number[];
  medianMs: number;
  /** Calibration medians seen in this measurement, ms. */
  calibrationMs: number[];
}

/** Quantile `q` (0..1) of an ascending non-empty list, linearly interpolated. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new Error("quantile of an empty list");
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  return quantileSorted([...values].sort((a, b) => a - b), 0.5);
}

/** The per-round statistic: contention from other processes only adds time, so the lower
 * quartile is the least disturbed figure that still averages over several calls. */
const ROUND_QUANTILE = 0.25;

/** CPU time (user + system) of this process, ms. Includes V8's GC helper threads, which is part of the cost. */
export function cpuTimeMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

let sink = 0;

/** Keeps results alive so the optimiser cannot drop the timed work. */
function consume(value: unknown): void {
  if (typeof value === "number") sink = (sink + value) % 1e9;
  else if (typeof value === "string") sink = (sink + value.length) % 1e9;
  else if (value !== undefined && value !== null) sink = (sink + 1) % 1e9;
}

function lowerQuartile(bench: Bench, name: string): number {
  const task = bench.getTask(name);
  const result = task?.result;
  if (!result) throw new Error(`tinybench lost task '${name}'`);
  if (result.state === "errored") throw result.error;
  if (result.state !== "completed") throw new Error(`task '${name}' ended in state '${result.state}'`);
  const samples = result.latency.samples;
  if (!samples || samples.length === 0) throw new Error(`task '${name}' kept no samples`);
  return quantileSorted(samples, ROUND_QUANTILE);
}

/** Calls `fn` (untimed) until `ms` of CPU time and at least `minCalls` calls have passed. */
async function warmUp(fn: () => unknown, isAsync: boolean, ms: number, minCalls: number): Promise<void> {
  const end = cpuTimeMs() + ms;
  for (let k = 0; k < minCalls || cpuTimeMs() < end; k++) consume(isAsync ? await fn() : fn());
}

let calibrationWarm = false;

/**
 * Measures `fn` against the calibration workload; `isAsync` when `fn` returns a promise.
 * The case (and, once per process, the calibration) is warmed up first for `plan.warmupMs`.
 * @throws the case's own error when a timed call throws.
 */
export async function measureSpeed(
  fn: () => unknown,
  calibration: CalibrationFixture,
  plan: TimingPlan,
  isAsync = false,
): Promise<SpeedMeasurement> {
  const ratios: number[] = [];
  const caseMs: number[] = [];
  const calibrationMs: number[] = [];
  if (!calibrationWarm) {
    await warmUp(() => runCalibration(calibration), false, plan.warmupMs, 3);
    calibrationWarm = true;
  }
  await warmUp(fn, isAsync, plan.warmupMs, 3);
  for (let round = 0; round < plan.rounds; round++) {
    const bench = new Bench({
      now: cpuTimeMs,
      time: plan.timeMs,
      iterations: plan.minIterations,
      warmup: false,
      retainSamples: true,
      throws: true,
    });
    bench.add("calibration-before", () => consume(runCalibration(calibration)));
    bench.add("case", isAsync ? async () => consume(await fn()) : () => consume(fn()));
    bench.add("calibration-after", () => consume(runCalibration(calibration)));
    await bench.run();
    const before = lowerQuartile(bench, "calibration-before");
    const after = lowerQuartile(bench, "calibration-after");
    const own = lowerQuartile(bench, "case");
    const cal = (before + after) / 2;
    calibrationMs.push(before, after);
    caseMs.push(own);
    ratios.push(own / cal);
  }
  return { ratio: median(ratios), ratios, medianMs: median(caseMs), calibrationMs };
}

/** The optimiser sink (read so it is not dead code). */
export function sinkValue(): number {
  return sink;
}
