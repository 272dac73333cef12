// Independent feasibility check of a MILP solution against the model: bounds, integrality,
// every row's activity recomputed from the column values, and the objective recomputed.
import { type MilpModel, objectiveOf } from "./model.js";

export interface MilpViolation {
  kind: "bound" | "integrality" | "row";
  name: string;
  value: number;
  lower: number;
  upper: number;
}

export interface MilpCheck {
  feasible: boolean;
  objective: number;
  violations: MilpViolation[];
}

/**
 * Checks `x` against every bound, integrality and row of `model`. Tolerances are absolute plus
 * relative to the bound's size (`tol × max(1, |bound|)`); integrality within `intTol`.
 */
export function checkMilpSolution(model: MilpModel, x: ArrayLike<number>, tol = 1e-6, intTol = 1e-6): MilpCheck {
  const violations: MilpViolation[] = [];
  const off = (v: number, lo: number, hi: number): boolean =>
    v < lo - tol * Math.max(1, Math.abs(lo)) || v > hi + tol * Math.max(1, Math.abs(hi));
  if (x.length !== model.numCols)
    return {
      feasible: false,
      objective: NaN,
      violations: [{ kind: "bound", name: `solution has ${x.length} values for ${model.numCols} columns`, value: x.length, lower: model.numCols, upper: model.numCols }],
    };
  for (let j = 0; j < model.numCols; j++) {
    const v = x[j];
    if (!Number.isFinite(v) || off(v, model.colLower[j], model.colUpper[j]))
      violations.push({ kind: "bound", name: model.colNames[j], value: v, lower: model.colLower[j], upper: model.colUpper[j] });
    if (model.integer[j] && Math.abs(v - Math.round(v)) > intTol)
      violations.push({ kind: "integrality", name: model.colNames[j], value: v, lower: model.colLower[j], upper: model.colUpper[j] });
  }
  for (let i = 0; i < model.numRows; i++) {
    let a = 0;
    for (let k = model.rowStart[i]; k < model.rowStart[i + 1]; k++) a += model.value[k] * x[model.colIndex[k]];
    if (off(a, model.rowLower[i], model.rowUpper[i]))
      violations.push({ kind: "row", name: model.rowNames[i], value: a, lower: model.rowLower[i], upper: model.rowUpper[i] });
  }
  return { feasible: violations.length === 0, objective: objectiveOf(model, x), violations };
}
