// Results files for the checker tests: a baseline and runs derived from it, built in code.
import type { CaseResult, RunResults } from "../../bench/harness/results.js";
import { CALIBRATION_VERSION } from "../../bench/harness/calibration.js";

export function speed(ratio: number, extra: Partial<Extract<CaseResult, { kind: "speed" }>> = {}): CaseResult {
  return { kind: "speed", description: "", ratio, ratios: [ratio], medianMs: ratio * 4, fullOnly: false, attempts: 1, ...extra };
}

export function gap(value: number, tolerance = 0.5, extra: Partial<Extract<CaseResult, { kind: "quality" }>> = {}): CaseResult {
  return {
    kind: "quality",
    description: "",
    value,
    unit: "gap %",
    better: "lower",
    tolerance,
    seconds: 1,
    fullOnly: false,
    anchors: {},
    details: {},
    ...extra,
  };
}

export function results(cases: Record<string, CaseResult>, over: Partial<RunResults> = {}): RunResults {
  return {
    schema: 1,
    createdAt: "2026-11-23T03:00:00.000Z",
    mode: "full",
    machine: { cpu: "test cpu", cores: 2, memoryGiB: 24, node: "v20.20.2", platform: "linux x64" },
    calibration: { version: CALIBRATION_VERSION, medianMs: 4 },
    cases,
    ...over,
  };
}

/** A baseline with two hot paths and two quality figures. */
export function baseline(): RunResults {
  return results({
    "network/dijkstra-row": speed(2.0),
    "domain/parse-scenario-large": speed(5.5),
    "vrp/x-n101-k25": gap(1.2),
    "siting/cap71": gap(0, 0.01),
  });
}
