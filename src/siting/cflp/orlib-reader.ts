// Reader of Beasley's OR-Library capacitated warehouse location files (cap41..cap134, capa/b/c):
// `m n`, m lines `capacity fixed`, then per customer its demand and m costs of serving all of it.
import { UrbanmineError } from "../../domain/index.js";

/** A capacitated facility location instance. cost[i * n + j] serves all of customer j from facility i. */
export interface CflpInstance {
  name: string;
  m: number;
  n: number;
  capacity: Float64Array;
  fixedCost: Float64Array;
  demand: Float64Array;
  cost: Float64Array;
}

/**
 * Parses the text of an OR-Library cap file as a stream of whitespace-separated tokens.
 * @param capacity replaces every facility capacity (needed for capa/b/c, whose files say `capacity`)
 * @throws UrbanmineError INVALID_FILE naming the token that is wrong or missing
 */
export function parseOrlibCap(text: string, name: string, capacity?: number): CflpInstance {
  const tok = text.split(/\s+/).filter((t) => t.length > 0);
  let p = 0;
  const num = (what: string, allowCapacityWord = false): number => {
    if (p >= tok.length) throw new UrbanmineError("INVALID_FILE", `${name}: file ends before ${what} (token ${p + 1})`);
    const t = tok[p++];
    if (allowCapacityWord && t === "capacity") {
      if (capacity === undefined) throw new UrbanmineError("INVALID_FILE", `${name}: capacities are the word 'capacity'; give --capacity N (capa 8000..14000, capb 5000..8000, capc 5000..7250)`);
      return capacity;
    }
    const v = Number(t);
    if (!Number.isFinite(v)) throw new UrbanmineError("INVALID_FILE", `${name}: expected a number for ${what} at token ${p}, found '${t}'`);
    return v;
  };
  const m = num("the number of facilities");
  const n = num("the number of customers");
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 1 || n < 1)
    throw new UrbanmineError("INVALID_FILE", `${name}: first line must be 'm n' with positive integers, found '${m} ${n}'`);
  const cap = new Float64Array(m);
  const fixed = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const c = num(`the capacity of facility ${i + 1}`, true);
    cap[i] = capacity ?? c;
    fixed[i] = num(`the fixed cost of facility ${i + 1}`);
  }
  const demand = new Float64Array(n);
  const cost = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    demand[j] = num(`the demand of customer ${j + 1}`);
    for (let i = 0; i < m; i++) cost[i * n + j] = num(`the cost of customer ${j + 1} at facility ${i + 1}`);
  }
  if (p !== tok.length) throw new UrbanmineError("INVALID_FILE", `${name}: ${tok.length - p} tokens left after the last customer`);
  return { name, m, n, capacity: cap, fixedCost: fixed, demand, cost };
}

/** A solution: open facilities and the share of each customer's demand each one serves. */
export interface CflpSolution {
  open: Uint8Array;
  /** [customer, facility, fraction] with 0-based indices. */
  assign: Array<[number, number, number]>;
}

/**
 * Independent check of a CFLP solution: every customer fully served by open facilities,
 * capacities respected (relative `tol`), objective recomputed.
 */
export function checkCflp(inst: CflpInstance, sol: CflpSolution, tol = 1e-7): { ok: boolean; objective: number; violations: string[] } {
  const v: string[] = [];
  const served = new Float64Array(inst.n);
  const load = new Float64Array(inst.m);
  let obj = 0;
  for (let i = 0; i < inst.m; i++) if (sol.open[i]) obj += inst.fixedCost[i];
  for (const [j, i, f] of sol.assign) {
    if (f < -tol) v.push(`customer ${j + 1} has a negative share at facility ${i + 1}`);
    if (!sol.open[i]) v.push(`customer ${j + 1} served by closed facility ${i + 1}`);
    served[j] += f;
    load[i] += f * inst.demand[j];
    obj += f * inst.cost[i * inst.n + j];
  }
  for (let j = 0; j < inst.n; j++) if (Math.abs(served[j] - 1) > tol) v.push(`customer ${j + 1} served ${served[j]}`);
  for (let i = 0; i < inst.m; i++)
    if (load[i] > inst.capacity[i] * (1 + tol) + tol) v.push(`facility ${i + 1} loaded ${load[i]} over ${inst.capacity[i]}`);
  return { ok: v.length === 0, objective: obj, violations: v };
}
