// A model with some columns fixed, reduced to the columns still free: fixed activity moved into
// the row bounds, rows left without a free column checked and dropped. A large model whose hubs
// and assignments are decided becomes a small completion problem (enterprises, processing,
// flows) that an engine loads in milliseconds instead of seconds.
import type { MilpModel } from "./model.js";

export interface RestrictedModel {
  /** The free columns only (offset includes the fixed columns' cost). */
  model: MilpModel;
  /** cols[j]: the full model's column of restricted column j. */
  cols: Int32Array;
  /** A full column vector: the fixed values, and `x` (of the restricted model) in the free columns. */
  expand(x: ArrayLike<number>): Float64Array;
}

/**
 * Fixes every column whose `lower` equals its `upper` and removes it.
 * @returns null when a row with no free column is violated by the fixed values (beyond `tol`,
 *   relative to the row bound's size): the fixing cannot be completed.
 */
export function restrictModel(model: MilpModel, lower: Float64Array, upper: Float64Array, tol = 1e-9): RestrictedModel | null {
  const n = model.numCols;
  const map = new Int32Array(n).fill(-1);
  const cols: number[] = [];
  let offset = model.offset;
  for (let j = 0; j < n; j++) {
    if (lower[j] === upper[j]) offset += model.colCost[j] * lower[j];
    else map[j] = cols.push(j) - 1;
  }
  const rowNames: string[] = [];
  const rLo: number[] = [];
  const rHi: number[] = [];
  const starts: number[] = [0];
  const idx: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < model.numRows; i++) {
    let fixed = 0;
    let free = 0;
    for (let k = model.rowStart[i]; k < model.rowStart[i + 1]; k++) {
      const j = model.colIndex[k];
      if (map[j] < 0) fixed += model.value[k] * lower[j];
      else {
        idx.push(map[j]);
        val.push(model.value[k]);
        free++;
      }
    }
    const lo = model.rowLower[i];
    const hi = model.rowUpper[i];
    if (free === 0) {
      if (fixed < lo - tol * Math.max(1, Math.abs(lo)) || fixed > hi + tol * Math.max(1, Math.abs(hi))) return null;
      continue;
    }
    starts.push(idx.length);
    rowNames.push(model.rowNames[i]);
    rLo.push(lo - fixed);
    rHi.push(hi - fixed);
  }
  const c = Int32Array.from(cols);
  const pick = (a: Float64Array): Float64Array => Float64Array.from(c, (j) => a[j]);
  const restricted: MilpModel = {
    numCols: c.length,
    numRows: rowNames.length,
    colNames: cols.map((j) => model.colNames[j]),
    colCost: pick(model.colCost),
    colLower: pick(lower),
    colUpper: pick(upper),
    integer: Uint8Array.from(c, (j) => model.integer[j]),
    rowNames,
    rowLower: Float64Array.from(rLo),
    rowUpper: Float64Array.from(rHi),
    rowStart: Int32Array.from(starts),
    colIndex: Int32Array.from(idx),
    value: Float64Array.from(val),
    offset,
  };
  return {
    model: restricted,
    cols: c,
    expand(x) {
      const full = Float64Array.from(lower);
      c.forEach((j, k) => (full[j] = x[k]));
      return full;
    },
  };
}
