// Several runs of the same suites as one: each speed ratio becomes the median over the runs
// (a steadier baseline), and a quality value must come out identical every time, since quality
// cases are seeded and iteration-bounded — a difference means the run is not reproducible.
import { median } from "./measure.js";
import type { CaseResult, RunResults } from "./results.js";

function mergeCase(key: string, list: CaseResult[]): CaseResult {
  const first = list[0];
  const failed = list.find((r) => r.kind === "failed");
  if (failed) return failed;
  if (list.some((r) => r.kind !== first.kind)) return { kind: "failed", error: `${key}: kinds differ between runs (${list.map((r) => r.kind).join(", ")})` };
  if (first.kind === "speed") {
    const speeds = list.filter((r): r is Extract<CaseResult, { kind: "speed" }> => r.kind === "speed");
    return { ...first, ratio: median(speeds.map((r) => r.ratio)), ratios: speeds.map((r) => r.ratio), medianMs: median(speeds.map((r) => r.medianMs)) };
  }
  if (first.kind === "quality") {
    const values = list.map((r) => (r.kind === "quality" ? r.value : NaN));
    if (values.some((v) => v !== values[0]))
      return { kind: "failed", error: `${key}: not reproducible: the same seed and iteration limit gave ${values.join(", ")}` };
    return first;
  }
  return first;
}

/** Merges runs of the same mode into one results object. @throws Error when `runs` is empty. */
export function mergeRuns(runs: RunResults[]): RunResults {
  if (runs.length === 0) throw new Error("no runs to merge");
  if (runs.length === 1) return runs[0];
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.cases)))];
  const cases: Record<string, CaseResult> = {};
  for (const key of keys) {
    const list = runs.map((r) => r.cases[key]).filter((r): r is CaseResult => r !== undefined);
    cases[key] = list.length === runs.length ? mergeCase(key, list) : { kind: "failed", error: `${key}: present in ${list.length} of ${runs.length} runs` };
  }
  return {
    ...runs[runs.length - 1],
    calibration: { ...runs[0].calibration, medianMs: median(runs.map((r) => r.calibration.medianMs)) },
    cases,
  };
}
