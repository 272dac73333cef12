// The check itself: compares a run with the baseline case by case and decides pass or fail.
// A speed case fails when its ratio grew by more than its tolerance (relative); a quality case
// fails when its value worsened by more than its tolerance (absolute, in its own unit).
import type { CaseResult, RunResults } from "./results.js";
import { DEFAULT_SPEED_TOLERANCE } from "./types.js";

export type RowStatus =
  | "ok"
  | "faster"
  | "better"
  | "slower"
  | "worse"
  | "new"
  | "not-run"
  | "missing"
  | "skipped"
  | "failed";

/** Statuses that make the check fail. */
export const FAILING: ReadonlySet<RowStatus> = new Set(["slower", "worse", "missing", "skipped", "failed"]);

export interface ComparisonRow {
  key: string;
  kind: "speed" | "quality" | "-";
  before: string;
  after: string;
  /** Signed change: relative (%) for speed ratios, absolute for quality values. */
  change: string;
  tolerance: string;
  status: RowStatus;
  note: string;
}

export interface Comparison {
  rows: ComparisonRow[];
  passed: boolean;
  /** Remarks about the whole comparison (machine, mode, calibration). */
  notes: string[];
}

const pct = (x: number): string => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}%`;
const num = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(3) : x.toPrecision(3));
const signed = (x: number): string => `${x >= 0 ? "+" : ""}${num(x)}`;

function show(r: CaseResult | undefined): string {
  if (!r) return "-";
  switch (r.kind) {
    case "speed":
      return num(r.ratio);
    case "quality":
      return `${num(r.value)} ${r.unit}`;
    case "skipped":
      return "skipped";
    case "failed":
      return "failed";
  }
}

function compareCase(key: string, base: CaseResult | undefined, run: CaseResult | undefined, quickRun: boolean, sameCalibration: boolean): ComparisonRow {
  const row: ComparisonRow = { key, kind: "-", before: show(base), after: show(run), change: "", tolerance: "", status: "ok", note: "" };
  if (base?.kind === "speed" || base?.kind === "quality") row.kind = base.kind;
  else if (run?.kind === "speed" || run?.kind === "quality") row.kind = run.kind;

  if (run?.kind === "failed") return { ...row, status: "failed", note: run.error.split("\n")[0] };
  const baseMeasured = base?.kind === "speed" || base?.kind === "quality";
  if (!run) {
    if (!baseMeasured) return { ...row, status: "not-run", note: "not measured in either file" };
    if (quickRun && base.fullOnly) return { ...row, status: "not-run", note: "full runs only" };
    return { ...row, status: "missing", note: "in the baseline but not in this run" };
  }
  if (run.kind === "skipped") {
    if (!baseMeasured) return { ...row, status: "not-run", note: run.reason };
    return { ...row, status: "skipped", note: run.reason };
  }
  if (!base || !baseMeasured) return { ...row, status: "new", note: "not in the baseline yet (--update-baseline adds it)" };
  if (base.kind !== run.kind) return { ...row, status: "failed", note: `was a ${base.kind} case, now ${run.kind}` };

  if (base.kind === "speed" && run.kind === "speed") {
    const tol = run.tolerance ?? base.tolerance ?? DEFAULT_SPEED_TOLERANCE;
    const change = run.ratio / base.ratio - 1;
    row.change = pct(change);
    row.tolerance = `+${(tol * 100).toFixed(0)}%`;
    if (!sameCalibration) return { ...row, status: "failed", note: "calibration workload changed: update the baseline" };
    if (change > tol) return { ...row, status: "slower", note: "ratio to calibration grew beyond the tolerance" };
    if (change < -tol) return { ...row, status: "faster", note: "faster: consider --update-baseline" };
    return row;
  }
  if (base.kind === "quality" && run.kind === "quality") {
    const delta = run.value - base.value;
    const worsening = run.better === "lower" ? delta : -delta;
    row.change = signed(delta);
    row.tolerance = `${run.better === "lower" ? "+" : "-"}${num(run.tolerance)}`;
    if (worsening > run.tolerance + 1e-9) return { ...row, status: "worse", note: `${run.unit} worsened beyond the tolerance` };
    if (worsening < -1e-9) return { ...row, status: "better", note: "improved: consider --update-baseline" };
    return row;
  }
  return row;
}

/** Compares `run` with `baseline`; `passed` is false when any row has a failing status. */
export function compareRuns(baseline: RunResults, run: RunResults): Comparison {
  const notes: string[] = [];
  const sameCalibration = baseline.calibration.version === run.calibration.version;
  if (!sameCalibration)
    notes.push(`calibration workload v${baseline.calibration.version} in the baseline, v${run.calibration.version} in this run: speed ratios are not comparable`);
  const speed = run.calibration.medianMs / baseline.calibration.medianMs;
  notes.push(
    `calibration ${baseline.calibration.medianMs.toFixed(3)} ms (baseline, ${baseline.machine.cpu}, ${baseline.mode}) -> ` +
      `${run.calibration.medianMs.toFixed(3)} ms (this run, ${run.machine.cpu}, ${run.mode}): this machine is ` +
      `${speed >= 1 ? `${speed.toFixed(2)}x slower` : `${(1 / speed).toFixed(2)}x faster`}; ratios absorb that`,
  );
  const keys = [...new Set([...Object.keys(baseline.cases), ...Object.keys(run.cases)])].sort();
  const rows = keys.map((k) => compareCase(k, baseline.cases[k], run.cases[k], run.mode === "quick", sameCalibration));
  return { rows, passed: rows.every((r) => !FAILING.has(r.status)), notes };
}
