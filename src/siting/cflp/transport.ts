// The CFLP with its open facilities fixed is a transportation problem; it is solved exactly
// as an LP by HiGHS. Results are cached by open set, since the search proposes the same sets
// again and again.
import { HighsSolver } from "../milp/highs-adapter.js";
import { MilpBuilder } from "../milp/model.js";
import type { CflpInstance, CflpSolution } from "./orlib-reader.js";

export interface TransportResult extends CflpSolution {
  /** Fixed plus assignment cost; Infinity when the open set cannot serve all demand. */
  cost: number;
}

export class TransportSolver {
  private readonly cache = new Map<string, TransportResult>();
  private readonly highs = new HighsSolver();
  solves = 0;

  constructor(private readonly inst: CflpInstance) {}

  /** Exact cost of serving every customer from the facilities open in `open`. */
  async solve(open: Uint8Array): Promise<TransportResult> {
    const key = keyOf(open);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const { m, n, capacity, demand, cost, fixedCost } = this.inst;
    const fac: number[] = [];
    let cap = 0;
    let fixed = 0;
    for (let i = 0; i < m; i++)
      if (open[i]) {
        fac.push(i);
        cap += capacity[i];
        fixed += fixedCost[i];
      }
    const total = demand.reduce((a, d) => a + d, 0);
    if (cap < total * (1 - 1e-12)) {
      const r = { cost: Infinity, open: Uint8Array.from(open), assign: [] };
      this.cache.set(key, r);
      return r;
    }
    const b = new MilpBuilder();
    const col = fac.map((i) => Array.from({ length: n }, (_, j) => b.addCol(`x${i}_${j}`, cost[i * n + j], 0, 1)));
    for (let j = 0; j < n; j++) b.addRow(`d${j}`, fac.map((_, k) => [col[k][j], 1] as const), 1, 1);
    fac.forEach((i, k) => b.addRow(`s${i}`, col[k].map((c, j) => [c, demand[j]] as const), -Infinity, capacity[i]));
    b.offset = fixed;
    const res = await this.highs.solve(b.build(), { timeLimitS: 60, mipGap: 0 });
    this.solves++;
    const assign: Array<[number, number, number]> = [];
    if (res.x)
      fac.forEach((i, k) =>
        col[k].forEach((c, j) => {
          if (res.x![c] > 1e-9) assign.push([j, i, res.x![c]]);
        }),
      );
    const r = { cost: res.x ? res.objective : Infinity, open: Uint8Array.from(open), assign };
    this.cache.set(key, r);
    return r;
  }
}

function keyOf(open: Uint8Array): string {
  let k = "";
  for (let i = 0; i < open.length; i++) k += open[i] ? "1" : "0";
  return k;
}
