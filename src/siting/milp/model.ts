// A solver-agnostic mixed-integer linear model: columns with bounds, costs and integrality,
// rows with lower/upper activity bounds, and a sparse row-wise matrix. Built once, then
// handed unchanged to any adapter (HiGHS, javascript-lp-solver) and to the checker.

/** A finished model (minimisation). Row i is `rowLower[i] <= sum_k values[k] * x[indices[k]] <= rowUpper[i]`. */
export interface MilpModel {
  numCols: number;
  numRows: number;
  colNames: string[];
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  /** 1 where the column must take an integer value. */
  integer: Uint8Array;
  rowNames: string[];
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** CSR: row i owns entries rowStart[i] .. rowStart[i+1]-1. */
  rowStart: Int32Array;
  colIndex: Int32Array;
  value: Float64Array;
  /** Constant added to the objective. */
  offset: number;
}

/** One term of a linear expression: coefficient × column. */
export type Term = readonly [col: number, coef: number];

/** Collects columns and rows; `build()` freezes them into a MilpModel. */
export class MilpBuilder {
  private names: string[] = [];
  private cost: number[] = [];
  private lower: number[] = [];
  private upper: number[] = [];
  private int: number[] = [];
  private rNames: string[] = [];
  private rLower: number[] = [];
  private rUpper: number[] = [];
  private starts: number[] = [0];
  private cols: number[] = [];
  private vals: number[] = [];
  private seen = new Int32Array(0);
  private acc = new Float64Array(0);
  private stamp = 0;
  offset = 0;

  get numCols(): number {
    return this.names.length;
  }

  /** Adds a column and returns its index. */
  addCol(name: string, cost: number, lower: number, upper: number, integer = false): number {
    this.names.push(name);
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.int.push(integer ? 1 : 0);
    return this.names.length - 1;
  }

  /** Adds a binary column. */
  addBinary(name: string, cost: number): number {
    return this.addCol(name, cost, 0, 1, true);
  }

  addCost(col: number, cost: number): void {
    this.cost[col] += cost;
  }

  setBounds(col: number, lower: number, upper: number): void {
    this.lower[col] = lower;
    this.upper[col] = upper;
  }

  /** Adds `lower <= Σ terms <= upper`; duplicate columns are merged. Returns the row index. */
  addRow(name: string, terms: ReadonlyArray<Term>, lower: number, upper: number): number {
    // Duplicates merged in first-seen order through a stamped scratch array (a Map per row was
    // most of the build time on models of millions of non-zeros).
    if (this.seen.length < this.names.length) {
      const size = Math.max(1024, 2 * this.names.length);
      this.seen = new Int32Array(size);
      this.acc = new Float64Array(size);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    const first = this.cols.length;
    for (const [c, v] of terms) {
      if (this.seen[c] === stamp) this.acc[c] += v;
      else {
        this.seen[c] = stamp;
        this.acc[c] = v;
        this.cols.push(c);
      }
    }
    let k = first;
    for (let i = first; i < this.cols.length; i++) {
      const c = this.cols[i];
      const v = this.acc[c];
      if (v === 0) continue;
      this.cols[k++] = c;
      this.vals.push(v);
    }
    this.cols.length = k;
    this.starts.push(this.cols.length);
    this.rNames.push(name);
    this.rLower.push(lower);
    this.rUpper.push(upper);
    return this.rNames.length - 1;
  }

  build(): MilpModel {
    return {
      numCols: this.names.length,
      numRows: this.rNames.length,
      colNames: this.names,
      colCost: Float64Array.from(this.cost),
      colLower: Float64Array.from(this.lower),
      colUpper: Float64Array.from(this.upper),
      integer: Uint8Array.from(this.int),
      rowNames: this.rNames,
      rowLower: Float64Array.from(this.rLower),
      rowUpper: Float64Array.from(this.rUpper),
      rowStart: Int32Array.from(this.starts),
      colIndex: Int32Array.from(this.cols),
      value: Float64Array.from(this.vals),
      offset: this.offset,
    };
  }
}

/** Objective value of `x`: offset + Σ cost × x. */
export function objectiveOf(model: MilpModel, x: ArrayLike<number>): number {
  let z = model.offset;
  for (let j = 0; j < model.numCols; j++) z += model.colCost[j] * x[j];
  return z;
}
