// The one contract every local-search move follows: look at one pair of routes (or one route),
// return its best improving move with the cost change, and apply it on request.
import type { ProblemData } from "../data.js";
import { nearestJobs } from "../neighbours.js";
import type { RouteEvaluator } from "../route-eval.js";
import { RouteSegments } from "../route-segments.js";
import type { SegmentPricer } from "../segment-pricer.js";
import type { Solution } from "../solution.js";

/** A candidate change of at most two routes. */
export interface Move {
  /** Change of total cost in USD (negative improves). */
  readonly deltaUsd: number;
  /**
   * Performs the change on the solution it was found on, with route costs from the full walk;
   * returns false (solution untouched) if the walk finds a new route infeasible.
   */
  apply(sol: Solution): boolean;
}

/** Scratch space shared by operators (sized for the longest possible route), and the granular filter. */
export interface OperatorContext {
  readonly data: ProblemData;
  readonly ev: RouteEvaluator;
  /** Prefix/suffix data of the routes (sync a route before pricing moves on it). */
  readonly seg: RouteSegments;
  /** Prices chained route pieces in O(1) per cached piece (see segments.ts). */
  readonly pr: SegmentPricer;
  readonly bufA: Int32Array;
  readonly bufB: Int32Array;
  /** near(i, j): j is among the closest jobs of i, or i among those of j (granular neighbourhoods). */
  near(i: number, j: number): boolean;
}

/** A local-search neighbourhood. */
export interface Operator {
  readonly name: string;
  /** True for moves between two distinct routes; false for moves inside one route. */
  readonly interRoute: boolean;
  /** False when the data make the move pointless (e.g. nothing to reverse). */
  supports(data: ProblemData): boolean;
  /** Best strictly improving move on routes `a`, `b` (a === b for intra-route operators), or null. */
  best(ctx: OperatorContext, sol: Solution, a: number, b: number): Move | null;
}

/** Jobs kept as neighbours of each job by the granular filter. */
export const GRANULAR_K = 20;

/** Largest job count for which the granular filter is a byte matrix (n² bytes). */
const NEAR_MATRIX_MAX_JOBS = 5000;

/** Creates the scratch buffers and the granular filter an operator needs for `data`. */
export function createContext(data: ProblemData, ev: RouteEvaluator): OperatorContext {
  const n = data.nJobs;
  const lists = nearestJobs(data, Math.min(n - 1, GRANULAR_K));
  const seg = new RouteSegments(data, ev);
  const base = { data, ev, seg, pr: seg.pricer(), bufA: new Int32Array(n + 1), bufB: new Int32Array(n + 1) };
  if (n <= NEAR_MATRIX_MAX_JOBS) {
    // a byte matrix answers in one load; sets only for very large problems
    const m = new Uint8Array(n * n);
    lists.forEach((l, i) => l.forEach((j) => (m[i * n + j] = m[j * n + i] = 1)));
    return { ...base, near: (i, j) => m[i * n + j] === 1 };
  }
  const sets = lists.map((l) => new Set<number>(l));
  lists.forEach((l, i) => l.forEach((j) => sets[j].add(i)));
  return { ...base, near: (i, j) => sets[i].has(j) };
}

/** True when inserting job x between a and b (-1: route end) is worth pricing. */
export function nearSpot(ctx: OperatorContext, x: number, a: number, b: number): boolean {
  return a < 0 || b < 0 || ctx.near(x, a) || ctx.near(x, b);
}

/** Improvement threshold in USD below which a move counts as no change. */
export const EPS_USD = 1e-7;

/** Writes `src[from..to)` into `buf` at `at`; returns the new write position. */
export function copyInto(buf: Int32Array, at: number, src: ArrayLike<number>, from: number, to: number): number {
  for (let k = from; k < to; k++) buf[at++] = src[k];
  return at;
}

/**
 * A move that replaces one or two whole routes with new sequences. Costs are taken from the
 * full walk on apply, so stored route costs never depend on the segment arithmetic.
 */
export function replaceMove(ev: RouteEvaluator, deltaUsd: number, a: number, seqA: number[], b: number, seqB: number[] | null): Move {
  return {
    deltaUsd,
    apply(sol: Solution): boolean {
      const costA = ev.cost(a, seqA, seqA.length);
      const two = seqB !== null && b !== a;
      const costB = two ? ev.cost(b, seqB, seqB.length) : 0;
      if (costA === Infinity || costB === Infinity) return false;
      sol.setRoute(a, seqA, costA);
      if (two) sol.setRoute(b, seqB, costB);
      return true;
    },
  };
}
