// The CFLP as one plain MILP handed to HiGHS: the reference the Lagrangian method is compared
// with, and the method for the single-source variant (assignments binary).
import { HighsSolver } from "../milp/highs-adapter.js";
import { MilpBuilder } from "../milp/model.js";
import type { CflpResult, CflpSolveOptions } from "./lagrangian-bnb.js";
import type { CflpInstance } from "./orlib-reader.js";

/** min Σ f_i y_i + Σ c_ij x_ij, Σ_i x_ij = 1, Σ_j d_j x_ij ≤ s_i y_i; x binary when `singleSource`. */
export async function solveCflpHighs(inst: CflpInstance, options: CflpSolveOptions & { singleSource?: boolean }): Promise<CflpResult> {
  const t0 = performance.now();
  const { m, n } = inst;
  const b = new MilpBuilder();
  const y = Array.from({ length: m }, (_, i) => b.addBinary(`y${i}`, inst.fixedCost[i]));
  const x = Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, j) => b.addCol(`x${i}_${j}`, inst.cost[i * n + j], 0, 1, options.singleSource ?? false)),
  );
  for (let j = 0; j < n; j++) b.addRow(`demand${j}`, x.map((row) => [row[j], 1] as const), 1, 1);
  for (let i = 0; i < m; i++)
    b.addRow(`capacity${i}`, [...x[i].map((c, j) => [c, inst.demand[j]] as const), [y[i], -inst.capacity[i]]], -Infinity, 0);
  const r = await new HighsSolver().solve(b.build(), {
    timeLimitS: options.timeLimitS,
    mipGap: options.gapTol ?? 1e-6,
    shouldStop: options.shouldStop,
  });
  const open = new Uint8Array(m);
  const assign: Array<[number, number, number]> = [];
  if (r.x) {
    for (let i = 0; i < m; i++) open[i] = Math.round(r.x[y[i]]);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) if (r.x[x[i][j]] > 1e-9) assign.push([j, i, r.x[x[i][j]]]);
  }
  return {
    status: r.status === "optimal" || r.status === "infeasible" ? r.status : "time-limit",
    objective: r.x ? r.objective : Infinity,
    bound: r.bound,
    open,
    assign,
    seconds: (performance.now() - t0) / 1000,
    nodes: 0,
    transportSolves: 0,
  };
}
