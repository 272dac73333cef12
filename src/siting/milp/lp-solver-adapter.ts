// javascript-lp-solver (pure JS, dense tableau) behind the MilpSolver contract: for small
// models and as an independent cross-check of HiGHS. It reports no bound, so a finished
// search is taken as optimal at its own tolerance and a cut-short one has no bound.
import { createRequire } from "node:module";
import { UrbanmineError } from "../../domain/index.js";
import type { MilpModel } from "./model.js";
import type { MilpResult, MilpSolveOptions, MilpSolver } from "./solver.js";

interface LpBound {
  min?: number;
  max?: number;
  equal?: number;
}
interface LpModel {
  optimize: string;
  opType: "min";
  constraints: Record<string, LpBound>;
  variables: Record<string, Record<string, number>>;
  ints: Record<string, 1>;
  unrestricted: Record<string, 1>;
  options: { timeout: number; tolerance: number };
}
interface LpSolverModule {
  Solve(model: LpModel): unknown;
}

/** Refuses models whose dense tableau would not fit: rows × columns above this. */
const MAX_TABLEAU_CELLS = 4e6;

export class LpSolverSolver implements MilpSolver {
  readonly name = "lp-solver";

  async solve(model: MilpModel, options: MilpSolveOptions): Promise<MilpResult> {
    const t0 = performance.now();
    if ((model.numRows + model.numCols) * model.numCols > MAX_TABLEAU_CELLS)
      throw new UrbanmineError(
        "SOLVER_FAILED",
        `javascript-lp-solver keeps a dense tableau; this model has ${model.numRows} rows and ${model.numCols} columns, too large for it (use the highs solver)`,
      );
    const require = createRequire(import.meta.url);
    const lib = require("javascript-lp-solver") as LpSolverModule | { default: LpSolverModule };
    const solver = "Solve" in lib ? lib : lib.default;
    const raw = solver.Solve(toLpModel(model, options)) as Record<string, number | boolean | undefined>;
    const seconds = (performance.now() - t0) / 1000;
    if (raw.feasible !== true) return { solver: this.name, status: "infeasible", x: null, objective: Infinity, bound: Infinity, seconds };
    if (raw.bounded === false) return { solver: this.name, status: "unbounded", x: null, objective: -Infinity, bound: -Infinity, seconds };
    const x = new Float64Array(model.numCols);
    for (let j = 0; j < model.numCols; j++) {
      const v = raw[`c${j}`];
      x[j] = typeof v === "number" ? v : 0;
    }
    let objective = model.offset;
    for (let j = 0; j < model.numCols; j++) objective += model.colCost[j] * x[j];
    const finished = seconds < options.timeLimitS;
    return {
      solver: this.name,
      status: finished ? "optimal" : "time-limit",
      x,
      objective,
      bound: finished ? objective : -Infinity,
      seconds,
    };
  }
}

function toLpModel(model: MilpModel, options: MilpSolveOptions): LpModel {
  const variables: Record<string, Record<string, number>> = {};
  const constraints: Record<string, LpBound> = {};
  const ints: Record<string, 1> = {};
  const unrestricted: Record<string, 1> = {};
  for (let j = 0; j < model.numCols; j++) {
    const v: Record<string, number> = { _obj: model.colCost[j] };
    variables[`c${j}`] = v;
    if (model.integer[j]) ints[`c${j}`] = 1;
    const lo = model.colLower[j];
    const hi = model.colUpper[j];
    if (lo === -Infinity) unrestricted[`c${j}`] = 1;
    else if (lo !== 0) {
      constraints[`l${j}`] = { min: lo };
      v[`l${j}`] = 1;
    }
    if (hi !== Infinity) {
      constraints[`u${j}`] = { max: hi };
      v[`u${j}`] = 1;
    }
  }
  for (let i = 0; i < model.numRows; i++) {
    if (model.rowStart[i + 1] === model.rowStart[i]) continue; // empty row: left to the checker
    const lo = model.rowLower[i];
    const hi = model.rowUpper[i];
    const b: LpBound = lo === hi ? { equal: lo } : {};
    if (lo !== hi) {
      if (lo !== -Infinity) b.min = lo;
      if (hi !== Infinity) b.max = hi;
    }
    constraints[`r${i}`] = b;
    for (let k = model.rowStart[i]; k < model.rowStart[i + 1]; k++) variables[`c${model.colIndex[k]}`][`r${i}`] = model.value[k];
  }
  return {
    optimize: "_obj",
    opType: "min",
    constraints,
    variables,
    ints,
    unrestricted,
    options: { timeout: Math.max(1, Math.round(options.timeLimitS * 1000)), tolerance: options.mipGap },
  };
}
