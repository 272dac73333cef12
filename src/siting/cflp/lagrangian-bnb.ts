// Branch and bound on the facility variables with Lagrangian bounds (Beasley 1988): at each
// node, subgradient optimisation of the multipliers from the parent's; every open set the
// relaxation proposes is priced by a greedy assignment and, when that comes within 2% of the
// incumbent, by the transportation LP (the primal heuristic); Lagrangian probing
// that fixes facilities whose flip would exceed the incumbent, and branching on the facility
// whose flip raises the bound most. Best-first; stops on proof, time limit or request.
import { CflpLagrangian, coverKnapsack } from "./lagrangian.js";
import { improveOpenSet } from "./local-search.js";
import type { CflpInstance } from "./orlib-reader.js";
import { greedyTransport, TransportSolver, type TransportResult } from "./transport.js";

export interface CflpSolveOptions {
  timeLimitS: number;
  /** Relative gap at which a node is pruned and the search stops (default 1e-6). */
  gapTol?: number;
  shouldStop?: () => boolean;
  /** Subgradient iterations at the root and at other nodes (defaults 600 and 80). */
  rootIterations?: number;
  nodeIterations?: number;
}

export interface CflpResult {
  status: "optimal" | "time-limit" | "infeasible";
  objective: number;
  bound: number;
  open: Uint8Array;
  assign: Array<[number, number, number]>;
  seconds: number;
  nodes: number;
  transportSolves: number;
}

interface Node {
  fixed: Int8Array;
  lambda: Float64Array;
  bound: number;
}

/** Solves a multi-source CFLP by Lagrangian branch and bound. */
export async function solveCflpLagrangian(inst: CflpInstance, options: CflpSolveOptions): Promise<CflpResult> {
  const t0 = performance.now();
  const elapsed = (): number => (performance.now() - t0) / 1000;
  const tol = options.gapTol ?? 1e-6;
  const lag = new CflpLagrangian(inst);
  const transport = new TransportSolver(inst);
  let best: TransportResult = { cost: Infinity, open: new Uint8Array(inst.m), assign: [] };
  const prunable = (bound: number): boolean => bound >= best.cost - tol * Math.abs(best.cost);
  /** Heuristic solves restrict each customer to its cheapest open facilities; leaves are exact. */
  const HEURISTIC_NEAREST = 8;
  const SCREEN_MARGIN = 0.02;
  /** Open sets already priced by the quick greedy assignment. */
  const screened = new Set<string>();
  const tryOpen = async (y: Uint8Array, exact = false): Promise<void> => {
    if (!exact) {
      const key = y.join("");
      if (screened.has(key)) return;
      screened.add(key);
      const quick = greedyTransport(inst, y);
      if (quick.cost < best.cost) best = quick;
      // Only sets whose quick price comes near the incumbent are worth an LP.
      if (!(quick.cost < best.cost * (1 + SCREEN_MARGIN) || quick.cost === best.cost)) return;
    }
    const r = await transport.solve(y, exact ? Infinity : HEURISTIC_NEAREST);
    if (r.cost < best.cost) best = r;
  };

  const lambda0 = new Float64Array(inst.n);
  for (let j = 0; j < inst.n; j++) {
    let lo = Infinity;
    for (let i = 0; i < inst.m; i++) lo = Math.min(lo, inst.cost[i * inst.n + j]);
    lambda0[j] = lo;
  }
  const queue: Node[] = [{ fixed: new Int8Array(inst.m).fill(-1), lambda: lambda0, bound: -Infinity }];
  let globalBound = -Infinity;
  let nodes = 0;
  let stopped = false;

  while (queue.length > 0) {
    queue.sort((a, b) => a.bound - b.bound);
    globalBound = queue[0].bound;
    if (prunable(globalBound)) {
      queue.length = 0;
      break;
    }
    if (elapsed() > options.timeLimitS || options.shouldStop?.()) {
      stopped = true;
      break;
    }
    const node = queue.shift()!;
    nodes++;
    const root = nodes === 1;
    const iters = root ? (options.rootIterations ?? 600) : (options.nodeIterations ?? 80);
    const res = await optimiseNode(node, iters, root);
    if (!res) continue;
    const { bound, lambda, v, y } = res;
    if (root && Number.isFinite(best.cost)) {
      // Polish the incumbent before probing: a better incumbent fixes more facilities.
      const polished = improveOpenSet(inst, best.open);
      if (polished.cost < best.cost) best = polished;
      await tryOpen(polished.open, true);
    }
    if (prunable(bound)) continue;
    // Probing: flip each free facility; a flip that reaches the incumbent is ruled out.
    const fixed = Int8Array.from(node.fixed);
    let pick = -1;
    let pickBound = -Infinity;
    const flipY = new Uint8Array(inst.m);
    for (let i = 0; i < inst.m; i++) {
      if (fixed[i] !== -1) continue;
      fixed[i] = y[i] ? 0 : 1;
      flipY.fill(0);
      const fb = lambda.reduce((a, l) => a + l, 0) + coverKnapsack(v, inst.capacity, fixed, lag.totalDemand, flipY);
      fixed[i] = -1;
      if (prunable(fb)) fixed[i] = y[i];
      else if (fb > pickBound) {
        pickBound = fb;
        pick = i;
      }
    }
    if (pick < 0) {
      // Every facility is decided: the node is one transportation problem.
      await tryOpen(Uint8Array.from(fixed, (f) => (f === 1 ? 1 : 0)), true);
      continue;
    }
    const keep = Int8Array.from(fixed);
    keep[pick] = y[pick];
    const flip = Int8Array.from(fixed);
    flip[pick] = y[pick] ? 0 : 1;
    queue.push({ fixed: keep, lambda, bound });
    queue.push({ fixed: flip, lambda: Float64Array.from(lambda), bound: pickBound });
  }
  if (!stopped) globalBound = best.cost;
  else globalBound = Math.min(best.cost, queue.reduce((a, q) => Math.min(a, q.bound), Infinity));
  return {
    status: stopped ? "time-limit" : Number.isFinite(best.cost) ? "optimal" : "infeasible",
    objective: best.cost,
    bound: globalBound,
    open: best.open,
    assign: best.assign,
    seconds: elapsed(),
    nodes,
    transportSolves: transport.solves,
  };

  /** Subgradient ascent at one node; returns its best bound and the multipliers giving it. */
  async function optimiseNode(node: Node, iters: number, root: boolean) {
    let lambda = Float64Array.from(node.lambda);
    let bestBound = -Infinity;
    let bestLambda = lambda;
    let bestPoint = lag.evaluate(lambda, node.fixed);
    let pi = root ? 2 : 0.5;
    let stall = 0;
    const patience = root ? 30 : 8;
    let lastKey = "";
    for (let it = 0; it < iters; it++) {
      const p = lag.evaluate(lambda, node.fixed);
      if (!Number.isFinite(p.bound)) return null;
      if (p.bound > bestBound + 1e-9 * Math.abs(p.bound)) {
        bestBound = p.bound;
        bestLambda = Float64Array.from(lambda);
        bestPoint = p;
        stall = 0;
      } else if (++stall >= patience) {
        pi /= 2;
        stall = 0;
      }
      const key = p.y.join("");
      if (key !== lastKey) {
        await tryOpen(p.y);
        lastKey = key;
      }
      if (prunable(bestBound) || pi < 1e-4) break;
      let norm = 0;
      for (let j = 0; j < inst.n; j++) norm += p.g[j] * p.g[j];
      if (norm < 1e-12) {
        // The relaxed solution serves every customer exactly: it is optimal for this node.
        await tryOpen(p.y, true);
        break;
      }
      const target = Number.isFinite(best.cost) ? best.cost : p.bound + Math.abs(p.bound) * 0.05 + 1;
      const step = (pi * (target - p.bound)) / norm;
      lambda = Float64Array.from(lambda, (l, j) => l + step * p.g[j]);
      if (elapsed() > options.timeLimitS || options.shouldStop?.()) break;
    }
    await tryOpen(bestPoint.y);
    return { bound: Math.max(bestBound, node.bound), lambda: bestLambda, v: bestPoint.v, y: bestPoint.y };
  }
}
