// The contract between a MILP model and the engines that solve it. Adapters translate a
// MilpModel into their engine's input and its answer back into a MilpResult; nothing else
// in siting knows which engine ran.
import type { MilpModel } from "./model.js";

export interface MilpSolveOptions {
  /** Wall-clock limit, seconds. */
  timeLimitS: number;
  /** Relative gap at which the search may stop (0..1). */
  mipGap: number;
  /** Polled during the search; true stops it with the best incumbent. */
  shouldStop?: () => boolean;
  /** A feasible (or nearly feasible) column vector offered as a MIP start. */
  start?: Float64Array;
}

export type MilpStatus = "optimal" | "time-limit" | "interrupted" | "infeasible" | "unbounded" | "no-solution";

export interface MilpResult {
  solver: string;
  status: MilpStatus;
  /** Column values of the best solution found; null when there is none. */
  x: Float64Array | null;
  /** Objective of `x` as the engine reports it (re-checked by the caller). */
  objective: number;
  /** Best proven lower bound (minimisation); -Infinity when unknown. */
  bound: number;
  seconds: number;
}

export interface MilpSolver {
  readonly name: string;
  /** Solves `model` (minimisation). Never throws on infeasible/unbounded: that is a status. */
  solve(model: MilpModel, options: MilpSolveOptions): Promise<MilpResult>;
}

/** Relative gap between an objective and a lower bound: (obj − bound) / max(1, |obj|), ≥ 0. */
export function relativeGap(objective: number, bound: number): number {
  if (!Number.isFinite(objective) || !Number.isFinite(bound)) return Infinity;
  return Math.max(0, objective - bound) / Math.max(1, Math.abs(objective));
}
