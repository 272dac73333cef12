// The Lagrangian's knapsacks against brute force, and a model reduced to its free columns
// against the same model with the columns fixed in place.
import { describe, expect, it } from "vitest";
import { checkMilpSolution, HighsSolver, MilpBuilder } from "../../src/siting/index.js";
import { knapsackBuffers, knapsackExact, knapsackLpValue, knapsackOrder } from "../../src/siting/knapsack.js";
import { restrictModel } from "../../src/siting/milp/restrict.js";

function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return a / 4294967296;
  };
}

/** Least Σ value over subsets of weight ≤ cap (minimisation: values may be negative). */
function bruteForce(value: Float64Array, weight: Float64Array, cap: number): number {
  let best = 0;
  for (let mask = 0; mask < 1 << value.length; mask++) {
    let w = 0;
    let v = 0;
    for (let i = 0; i < value.length; i++)
      if (mask & (1 << i)) {
        w += weight[i];
        v += value[i];
      }
    if (w <= cap && v < best) best = v;
  }
  return best;
}

describe("knapsacks of the Lagrangian subproblems", () => {
  it("LP ≤ exact ≤ brute-force optimum, exact on whole weights, on 200 seeded instances", () => {
    const r = rng(7);
    // One set of buffers reused by every instance (as a hub's are between iterations): stale
    // entries from the last instance must not change the order.
    const buffers = knapsackBuffers(12);
    for (let n = 0; n < 200; n++) {
      const k = 1 + Math.floor(r() * 12);
      const value = Float64Array.from({ length: k }, () => Math.round((r() - 0.7) * 100));
      const whole = n % 2 === 0;
      const weight = Float64Array.from({ length: k }, () => (whole ? 1 + Math.floor(r() * 30) : 0.5 + r() * 30));
      const cap = Math.round(10 + r() * 60);
      const order = knapsackOrder(value, weight, k, cap);
      const reused = knapsackOrder(value, weight, k, cap, buffers);
      expect(Array.from(reused.idx.subarray(0, reused.sorted))).toEqual(Array.from(order.idx.subarray(0, order.sorted)));
      expect(knapsackLpValue(value, weight, reused, cap)).toBe(knapsackLpValue(value, weight, order, cap));
      const take = new Float64Array(k);
      const exact = knapsackExact(value, weight, order, cap, take);
      const lp = knapsackLpValue(value, weight, order, cap);
      const opt = bruteForce(value, weight, cap);
      expect(lp).toBeLessThanOrEqual(exact + 1e-9);
      expect(exact).toBeLessThanOrEqual(opt + 1e-9);
      if (whole) expect(exact).toBeCloseTo(opt, 9);
      // The LP of a smaller capacity reads the same order.
      expect(knapsackLpValue(value, weight, order, cap / 2)).toBeLessThanOrEqual(bruteForce(value, weight, cap / 2) + 1e-9);
    }
  });
});

describe("knapsackExact with rounded weights", () => {
  it("never falls below the LP bound when rounding down lets the table fit one item too many", () => {
    // Capacity 10 in units of 10 / 4,000: five items of 2.0024 round down to 800 units each, so
    // the table fits all five (−5) although only four fit (optimum −4); the LP bound is
    // −4 − 1.9904 / 2.0024 ≈ −4.994, and that is the value returned.
    const value = Float64Array.from([-1, -1, -1, -1, -1]);
    const weight = new Float64Array(5).fill(2.0024);
    const order = knapsackOrder(value, weight, 5, 10);
    const exact = knapsackExact(value, weight, order, 10, new Float64Array(5));
    expect(exact).toBeCloseTo(knapsackLpValue(value, weight, order, 10), 12);
    expect(exact).toBeCloseTo(-4 - 1.9904 / 2.0024, 12);
    expect(exact).toBeLessThanOrEqual(bruteForce(value, weight, 10));
  });
});

describe("restrictModel", () => {
  it("solves the free columns to the same optimum as the model with the columns fixed in place, and expands to a feasible solution", async () => {
    // A tiny facility model: y0, y1 binary; x[j][i] assignment of 3 customers.
    const b = new MilpBuilder();
    const y = [b.addBinary("y0", 10), b.addBinary("y1", 12)];
    const cost = [
      [2, 6],
      [5, 3],
      [4, 4],
    ];
    const x = cost.map((row, j) => row.map((c, i) => b.addCol(`x${j}${i}`, c, 0, 1)));
    x.forEach((row, j) => b.addRow(`served${j}`, row.map((c) => [c, 1] as const), 1, 1));
    x.forEach((row) => row.forEach((c, i) => b.addRow(`open${c}`, [[c, 1], [y[i], -1]], -Infinity, 0)));
    y.forEach((c, i) => b.addRow(`cap${i}`, [...x.map((row) => [row[i], 2] as const), [c, -4]], -Infinity, 0));
    const model = b.build();
    const lo = Float64Array.from(model.colLower);
    const hi = Float64Array.from(model.colUpper);
    lo[y[0]] = hi[y[0]] = 1;
    lo[y[1]] = hi[y[1]] = 1;
    lo[x[0][0]] = hi[x[0][0]] = 1;
    const reduced = restrictModel(model, lo, hi)!;
    expect(reduced.model.numCols).toBe(model.numCols - 3);
    const highs = new HighsSolver();
    const r = await highs.solve(reduced.model, { timeLimitS: 10, mipGap: 1e-9 });
    const full = await highs.solve({ ...model, colLower: lo, colUpper: hi }, { timeLimitS: 10, mipGap: 1e-9 });
    expect(r.objective).toBeCloseTo(full.objective, 9);
    const expanded = reduced.expand(r.x!);
    const check = checkMilpSolution(model, expanded);
    expect(check.feasible).toBe(true);
    expect(check.objective).toBeCloseTo(full.objective, 9);
    // A fixing that breaks a row with no free column left is refused.
    const bad = Float64Array.from(lo);
    const badHi = Float64Array.from(hi);
    bad[y[0]] = badHi[y[0]] = 0;
    expect(restrictModel(model, bad, badHi)).toBeNull();
  });
});
