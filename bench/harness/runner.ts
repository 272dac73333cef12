// Runs suites into a results object: each speed case is set up, checked once, then timed
// against the calibration workload; each quality case is run once. A case that throws is
// recorded as failed (SkipCase: skipped) and the run goes on.
import { CALIBRATION_VERSION, makeCalibrationFixture } from "./calibration.js";
import { FULL_TIMING, QUICK_TIMING, type TimingPlan, measureSpeed, median } from "./measure.js";
import { type CaseResult, type RunResults, describeMachine } from "./results.js";
import {
  type BenchContext,
  type BenchSuite,
  type QualityCase,
  SkipCase,
  type SpeedCase,
} from "./types.js";

export interface RunOptions {
  quick: boolean;
  /** Only cases whose "suite/case" key contains one of these strings (all when empty). */
  filters?: string[];
  /** Only these exact "suite/case" keys (applied after `filters`). */
  keys?: string[];
  context: Omit<BenchContext, "quick">;
}

/** "suite/case" */
export function caseKey(suite: BenchSuite, name: string): string {
  return `${suite.name}/${name}`;
}

function isThenable(value: unknown): boolean {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

async function runSpeed(c: SpeedCase, ctx: BenchContext, plan: TimingPlan, calMs: number[]): Promise<CaseResult> {
  const fixture = c.setup ? await c.setup(ctx) : undefined;
  const call = (): unknown => c.run(fixture, ctx);
  // one untimed call: fails early on a broken case, and tells whether run() is asynchronous
  const first = call();
  const isAsync = isThenable(first);
  await first;
  const timing: TimingPlan = {
    ...plan,
    rounds: c.timing?.rounds ?? plan.rounds,
    warmupMs: c.timing?.warmupMs ?? plan.warmupMs,
    timeMs: c.timing?.timeMs ?? plan.timeMs,
    minIterations: c.timing?.minIterations ?? plan.minIterations,
  };
  const m = await measureSpeed(call, makeCalibrationFixtureCached(), timing, isAsync);
  calMs.push(...m.calibrationMs);
  return {
    kind: "speed",
    description: c.description,
    ratio: m.ratio,
    ratios: m.ratios,
    medianMs: m.medianMs,
    tolerance: c.tolerance,
    fullOnly: c.fullOnly ?? false,
    attempts: 1,
  };
}

async function runQuality(c: QualityCase, ctx: BenchContext): Promise<CaseResult> {
  const t0 = performance.now();
  const out = await c.run(ctx);
  if (!Number.isFinite(out.value)) throw new Error(`quality value is not a finite number: ${out.value}`);
  return {
    kind: "quality",
    description: c.description,
    value: out.value,
    unit: c.unit,
    better: c.better,
    tolerance: c.tolerance,
    seconds: (performance.now() - t0) / 1000,
    fullOnly: c.fullOnly ?? false,
    anchors: c.anchors ?? {},
    details: out.details ?? {},
  };
}

let cachedFixture: ReturnType<typeof makeCalibrationFixture> | undefined;
function makeCalibrationFixtureCached(): ReturnType<typeof makeCalibrationFixture> {
  cachedFixture ??= makeCalibrationFixture();
  return cachedFixture;
}

/** Runs every selected case of `suites` and returns the results (never throws for a failing case). */
export async function runSuites(suites: BenchSuite[], options: RunOptions): Promise<RunResults> {
  const ctx: BenchContext = { ...options.context, quick: options.quick };
  const plan = options.quick ? QUICK_TIMING : FULL_TIMING;
  const filters = options.filters ?? [];
  const cases: Record<string, CaseResult> = {};
  const calMs: number[] = [];
  for (const suite of suites) {
    for (const c of suite.cases) {
      const key = caseKey(suite, c.name);
      if (filters.length > 0 && !filters.some((f) => key.includes(f))) continue;
      if (options.keys && !options.keys.includes(key)) continue;
      if (options.quick && c.fullOnly) continue;
      const t0 = performance.now();
      try {
        cases[key] = c.kind === "speed" ? await runSpeed(c, ctx, plan, calMs) : await runQuality(c, ctx);
      } catch (e) {
        cases[key] =
          e instanceof SkipCase
            ? { kind: "skipped", reason: e.message }
            : { kind: "failed", error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
      }
      ctx.log(`${key}: ${summarise(cases[key])} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    }
  }
  if (calMs.length === 0) {
    // No speed case ran: time the calibration alone so the file still records the machine's speed.
    const m = await measureSpeed(() => 0, makeCalibrationFixtureCached(), { ...plan, rounds: 1 });
    calMs.push(...m.calibrationMs);
  }
  return {
    schema: 1,
    createdAt: new Date().toISOString(),
    mode: options.quick ? "quick" : "full",
    machine: describeMachine(),
    calibration: { version: CALIBRATION_VERSION, medianMs: median(calMs) },
    cases,
  };
}

/** One line for the progress log. */
export function summarise(r: CaseResult): string {
  switch (r.kind) {
    case "speed":
      return `ratio ${r.ratio.toFixed(3)} (rounds ${Math.min(...r.ratios).toFixed(3)}..${Math.max(...r.ratios).toFixed(3)}), ${r.medianMs.toFixed(3)} ms`;
    case "quality":
      return `${r.value.toFixed(3)} ${r.unit}`;
    case "skipped":
      return `skipped: ${r.reason}`;
    case "failed":
      return `FAILED: ${r.error.split("\n")[0]}`;
  }
}
