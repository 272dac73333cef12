// The contract of a hybrid-genetic-search move: given customer u and a neighbour v (a
// customer or a start depot), price the move in O(1) when it spans two routes, and apply
// it when it lowers the penalised cost. Returns true when applied.
import type { LocalSearch } from "../local-search.js";

/** Tries one move for customer u and neighbour v; applies it and returns true when it improves. */
export type HgsMove = (ls: LocalSearch, u: number, v: number) => boolean;

/** Improvement threshold on penalised cost. */
export const EPS = 1e-5;

/**
 * True when `lbDelta`, a lower bound of a move's change of penalised cost (RouteSet.lbRoute),
 * shows that the exact price cannot fall below -EPS either: the margin covers the rounding
 * between the bound's sums and the segments' (so a bound never rejects a move that improves).
 */
export function boundRejects(lbDelta: number): boolean {
  return lbDelta > -EPS + 1e-7;
}
